using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>
/// Hostile catalogs too large to commit, built here: 10,000 events, 5 MB of YAML, nesting 100,000 levels deep, an
/// alias bomb of 10^9 expansions, a one-megabyte line. Each gives code or located diagnostics, in bounded time,
/// without CS8785 or a stack overflow, and generated code that parses.
/// </summary>
public class HostileCatalogScaleTests
{
    private readonly ITestOutputHelper _output;

    public HostileCatalogScaleTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Ten_thousand_events_generate_one_payload_each()
    {
        var yaml = Events(10_000, descriptionLength: 20);
        var result = Run("ten-thousand", yaml);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Equal(10_000, result.Sources.Values.Sum(s => CountOccurrences(s, "readonly partial struct Area")));
        Assert.Contains(result.Sources.Values, s => s.Contains("struct Area9Event9999 ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_five_megabyte_catalog_generates()
    {
        var yaml = Events(2_500, descriptionLength: 1_900);
        Assert.True(Encoding.UTF8.GetByteCount(yaml) > 5_000_000, $"{Encoding.UTF8.GetByteCount(yaml)} bytes");
        var result = Run("five-megabytes", yaml);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.NotEmpty(result.Sources);
    }

    [Fact]
    public void Nesting_a_hundred_thousand_levels_deep_is_one_located_error()
    {
        var yaml = "catalog: bulk\nnamespace: Bulk\nevents:\n  bulk.a:\n    description: Deep.\n    metadata:\n      f: " +
                   new string('[', 100_000) + new string(']', 100_000) + "\n";
        var result = Run("deep", yaml);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SNK100", diagnostic.Id);
        Assert.Equal(6, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void An_alias_bomb_costs_what_it_is_written_with()
    {
        var yaml = new StringBuilder("catalog: bulk\nnamespace: Bulk\nlol:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            yaml.Append($"  - &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");
        }

        yaml.Append("enums:\n  bomb: *a9\nevents:\n  bulk.a:\n    description: Bomb.\n    metadata:\n      f: *a9\n      g: bomb\n");
        var result = Run("alias-bomb", yaml.ToString());
        Assert.NotEmpty(result.GeneratorDiagnostics);
        Assert.All(result.GeneratorDiagnostics, d => Assert.StartsWith("SNK10", d.Id, StringComparison.Ordinal));
        Assert.True(result.GeneratorDiagnostics.Length < 100, $"{result.GeneratorDiagnostics.Length} diagnostics: one per written alias at most");
    }

    [Fact]
    public void A_one_megabyte_line_is_read()
    {
        var yaml = "catalog: bulk\nnamespace: Bulk\nevents:\n  bulk.a:\n    description: " + new string('d', 1_000_000) + "\n";
        var result = Run("long-line", yaml);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.NotEmpty(result.Sources);
    }

    private GeneratorHarness.Result Run(string name, string yaml)
    {
        var path = $"/scale/{name}.events.yaml";
        var text = SourceText.From(yaml);
        var result = HostileCatalogTests.Generate(path, text, out var elapsed);
        _output.WriteLine($"{name}: {yaml.Length:N0} characters, {elapsed.TotalSeconds:F2} s, {result.Sources.Count} files, {result.GeneratorDiagnostics.Length} diagnostics");
        Assert.True(elapsed < TimeSpan.FromMinutes(2), $"generation took {elapsed}");
        HostileCatalogTests.AssertNeverBreaksTheBuild(result, path, text);
        return result;
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    internal static string Events(int count, int descriptionLength)
    {
        var yaml = new StringBuilder("catalog: bulk\nnamespace: Bulk.Telemetry\nenums:\n  outcome: [ok, failed]\nevents:\n");
        var description = new string('x', descriptionLength);
        for (var i = 0; i < count; i++)
        {
            yaml.Append($"  bulk.area{i % 10}.event{i}:\n    description: Event {i} {description}.\n    frequency: high\n")
                .Append("    measurements:\n      duration: duration\n      size: { type: int64, unit: By, optional: true }\n")
                .Append("    metadata:\n      pool_name: string\n      outcome: outcome\n");
        }

        return yaml.ToString();
    }
}
