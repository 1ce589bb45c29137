using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Snakepit.Telemetry.Generators.Parsing;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>The generator never throws: every incomplete catalog, as typed in an editor, gives diagnostics or code, never CS8785.</summary>
public class RobustnessTests
{
    [Fact]
    public void Every_prefix_of_a_catalog_parses_without_throwing()
    {
        var yaml = Catalogs.Shop;
        for (var length = 0; length <= yaml.Length; length++)
        {
            var text = yaml.Substring(0, length);
            var result = CatalogParser.Parse("/app/events.yaml", text);
            Assert.True(result.Spec is not null || result.Diagnostics.Count > 0 || text.Trim().Length == 0 || result.CatalogName is null, $"Prefix {length} gave neither code nor a diagnostic");
            Assert.DoesNotContain(result.Diagnostics, d => d.MessageArgs.Any(a => a.Contains("report this as a bug")));
        }
    }

    [Fact]
    public void Generator_never_fails_on_incomplete_catalogs()
    {
        var yaml = Catalogs.Shop;
        for (var length = 0; length <= yaml.Length; length += 7)
        {
            var result = GeneratorHarness.Run(yaml.Substring(0, length));
            Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Id is "CS8784" or "CS8785");
            if (result.Sources.Count > 0)
            {
                Assert.Empty(result.CompilationProblems);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("- just\n- a list\n")]
    [InlineData("catalog: [a]\nnamespace: {}\nevents: 3\n")]
    [InlineData("catalog: x\nnamespace: X\nevents:\n  x.a: &a\n    description: d\n  x.b: *a\n")]
    [InlineData("catalog: x\nnamespace: X\nevents:\n  x.a:\n    description: d\n    metadata:\n      ? [complex, key]\n      : string\n")]
    [InlineData("catalog: x\nnamespace: X\nevents:\n  x.a:\n    description: d\n    metadata:\n      f: *nowhere\n")]
    [InlineData("\t\tcatalog: x")]
    [InlineData("catalog: x\nnamespace: 1.Bad\nevents: {}\n")]
    public void Malformed_catalogs_give_diagnostics_not_exceptions(string yaml)
    {
        var result = GeneratorHarness.Run(yaml);
        Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Id is "CS8784" or "CS8785");
        Assert.All(result.GeneratorDiagnostics, d => Assert.StartsWith("SNK", d.Id));
    }

    [Fact]
    public void Files_not_named_as_catalogs_are_ignored()
    {
        Assert.True(CatalogGenerator.IsCatalogFile("/a/events.yaml"));
        Assert.True(CatalogGenerator.IsCatalogFile("/a/billing.events.yml"));
        Assert.False(CatalogGenerator.IsCatalogFile("/a/docker-compose.yaml"));
        Assert.False(CatalogGenerator.IsCatalogFile("/a/myevents.yaml"));
    }
}
