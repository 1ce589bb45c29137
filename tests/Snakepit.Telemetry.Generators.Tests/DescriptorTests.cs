using Snakepit.Telemetry.Shared;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>The catalog diagnostics, checked from their descriptors: ids, help links, pages, release tracking, docs table.</summary>
public sealed class DescriptorTests
{
    [Fact]
    public void Every_catalog_descriptor_is_well_formed_documented_and_tracked() =>
        DescriptorChecks.AssertWellFormed(
            DescriptorChecks.DeclaredIn(typeof(CatalogDiagnostics)),
            "src/Snakepit.Telemetry.Generators/AnalyzerReleases.Unshipped.md");

    [Fact]
    public void The_catalog_format_rules_table_is_generated_from_the_descriptors() =>
        DescriptorChecks.AssertDocsTable(DescriptorChecks.DeclaredIn(typeof(CatalogDiagnostics)), "docs/catalog-format.md", fixableIds: null);

    [Theory]
    [MemberData(nameof(EventPatternCases.Matching), MemberType = typeof(EventPatternCases))]
    public void The_wiring_generator_matches_patterns_as_the_runtime_does(string pattern, string name, bool matches) =>
        Assert.Equal(matches, EventPatterns.Matches(pattern, name));
}
