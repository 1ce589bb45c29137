using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>The pipeline caches: editing C# code that has nothing to do with a catalog re-runs nothing of it.</summary>
public class IncrementalityTests
{
    [Fact]
    public void Editing_an_unrelated_cs_file_leaves_catalog_outputs_cached()
    {
        var compilation = GeneratorHarness.Compilation(LanguageVersion.Latest, "namespace App { public class A { public int X => 1; } }");
        var driver = GeneratorHarness.Driver(new[] { new InMemoryText("/app/shop.events.yaml", Catalogs.Shop) });
        driver = driver.RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText("namespace App { public class A { public int X => 2; public int Y => 3; } }", new CSharpParseOptions(LanguageVersion.Latest), path: "Source0.cs"));
        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(CatalogGenerator));

        foreach (var step in new[] { CatalogGenerator.Steps.CatalogFiles, CatalogGenerator.Steps.ParsedCatalogs, CatalogGenerator.Steps.LanguageVersion, CatalogGenerator.Steps.Sources })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"{step} was {o.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o =>
            Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_the_catalog_regenerates()
    {
        var compilation = GeneratorHarness.Compilation(LanguageVersion.Latest, "namespace App { public class A { } }");
        var catalog = new InMemoryText("/app/shop.events.yaml", Catalogs.Shop);
        var driver = GeneratorHarness.Driver(new[] { catalog });
        driver = driver.RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(
            catalog,
            new InMemoryText("/app/shop.events.yaml", Catalogs.Shop.Replace("An order was placed.", "An order was placed by a customer.")));
        driver = driver.RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(CatalogGenerator));
        var parsed = result.TrackedSteps[CatalogGenerator.Steps.ParsedCatalogs].SelectMany(s => s.Outputs).ToList();
        Assert.Contains(parsed, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("An order was placed by a customer."));
    }

    [Fact]
    public void Pipeline_models_are_value_equatable()
    {
        var first = Parsing.CatalogParser.Parse("/app/shop.events.yaml", Catalogs.Shop);
        var second = Parsing.CatalogParser.Parse("/app/shop.events.yaml", Catalogs.Shop);
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }
}
