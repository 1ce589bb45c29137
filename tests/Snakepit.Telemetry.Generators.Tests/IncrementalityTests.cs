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
    public void Editing_one_catalog_regenerates_only_it_and_leaves_the_others_outputs_cached()
    {
        const string Billing = """
            catalog: billing
            namespace: Billing.Telemetry
            events:
              billing.invoice.sent:
                description: An invoice was sent.
                measurements:
                  amount: double
                metadata:
                  invoice_id: string
            """;
        var compilation = GeneratorHarness.Compilation(LanguageVersion.Latest, "namespace App { public class A { } }");
        var shop = new InMemoryText("/app/shop.events.yaml", Catalogs.Shop);
        var driver = GeneratorHarness.Driver(new[] { shop, new InMemoryText("/app/billing.events.yaml", Billing) });
        driver = driver.RunGenerators(compilation);
        var before = driver.GetRunResult().GeneratedTrees.Where(t => t.FilePath.Contains("Billing")).ToDictionary(t => t.FilePath, t => t.ToString());

        driver = driver.ReplaceAdditionalText(shop, new InMemoryText("/app/shop.events.yaml", Catalogs.Shop.Replace("An order was placed.", "An order was placed by a customer.")));
        driver = driver.RunGenerators(compilation);
        var run = driver.GetRunResult();
        var result = run.Results.Single(r => r.Generator.GetGeneratorType() == typeof(CatalogGenerator));

        // The cross-catalog selection sees keys only: equal after an edit of events.
        Assert.All(result.TrackedSteps[CatalogGenerator.Steps.Selection].SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Selection was {o.Reason}"));

        // One output per catalog: the edited one is modified, the other's is equal and its sources are not produced again.
        var sources = result.TrackedSteps[CatalogGenerator.Steps.Sources].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, sources.Count);
        Assert.Single(sources, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(sources, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("An order was placed by a customer."));
        var after = run.GeneratedTrees.Where(t => t.FilePath.Contains("Billing")).ToDictionary(t => t.FilePath, t => t.ToString());
        Assert.NotEmpty(after);
        Assert.Equal(before, after);
    }

    private const string Handler = """
        using Snakepit.Telemetry;
        using Shop.Telemetry;

        namespace App
        {
            [TelemetryHandler("app-orders")]
            public sealed partial class OrderHandler
            {
                private int _seen;

                [OnEvent("shop.order.placed")]
                private void OnOrder(in OrderPlaced e) { _seen++; }
            }
        }
        """;

    [Theory]
    [InlineData("namespace App { public class A { public int X => 2; public int Y => 3; } }", 1)]
    [InlineData("using Snakepit.Telemetry;\nusing Shop.Telemetry;\nnamespace App { [TelemetryHandler(\"app-orders\")] public sealed partial class OrderHandler { private int _seen; [OnEvent(\"shop.order.placed\")] private void OnOrder(in OrderPlaced e) { _seen += 2; System.Console.WriteLine(_seen); } } }", 0)]
    public void Editing_unrelated_code_or_a_handlers_body_leaves_catalog_and_wiring_outputs_cached(string edit, int tree)
    {
        var compilation = GeneratorHarness.Compilation(LanguageVersion.Latest, Handler, "namespace App { public class A { public int X => 1; } }");
        var driver = GeneratorHarness.Driver(new[] { new InMemoryText("/app/shop.events.yaml", Catalogs.Shop) });
        driver = driver.RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.ElementAt(tree),
            CSharpSyntaxTree.ParseText(edit, new CSharpParseOptions(LanguageVersion.Latest), path: $"Source{tree}.cs"));
        var run = driver.RunGenerators(edited).GetRunResult();

        var catalog = run.Results.Single(r => r.Generator.GetGeneratorType() == typeof(CatalogGenerator));
        Assert.All(catalog.TrackedSteps[CatalogGenerator.Steps.ParsedCatalogs].SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"ParsedCatalogs was {o.Reason}"));
        Assert.All(catalog.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));

        // The wiring generator sees the handler again (its syntax changed) but its model is equal: nothing is re-emitted.
        var wiring = run.Results.Single(r => r.Generator.GetGeneratorType() == typeof(CatalogGenerator));
        Assert.NotEmpty(wiring.GeneratedSources);
        foreach (var step in new[] { Wiring.HandlerWiringPipeline.Steps.ResolvedHandlerClasses, Wiring.HandlerWiringPipeline.Steps.AssemblyHandlers })
        {
            var outputs = wiring.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {o.Reason}"));
        }

        Assert.All(wiring.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
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
