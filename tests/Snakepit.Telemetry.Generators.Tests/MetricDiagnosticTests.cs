using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>The metrics section: SNK108 for every mistake of meaning, SNK101 for its shape, each at its YAML node.</summary>
public class MetricDiagnosticTests
{
    private const string Path = "/app/events.yaml";

    private const string Catalog = """
        catalog: myapp
        namespace: MyApp.Telemetry
        common_metadata:
          node: string
        events:
          myapp.request.done:
            description: A request completed.
            measurements:
              duration: duration
              size: { type: int64, unit: By }
              score: double
              system_time: timestamp
            metadata:
              route: string
              user_id: { type: string, cardinality: high }
        metrics:

        """;

    [Fact]
    public void Every_kind_with_derived_and_explicit_event_and_measurement_is_accepted()
    {
        var yaml = Catalog + """
              - { name: myapp.request.done.count, kind: counter, tags: [node, route], description: Requests }
              - { name: myapp.request.done.size, kind: sum, description: Bytes }
              - { name: myapp.request.done.score, kind: last_value, description: Last score }
              - { name: myapp.request.done.duration, kind: summary, unit: us, description: Duration }
              - { name: myapp.latency, event: myapp.request.done, measurement: duration, kind: distribution, buckets: [1, 2.5, 10], description: Latency }
            """;
        var result = GeneratorHarness.Run(yaml, Path);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.Contains("MyApp.Telemetry.MyappEvents.Instruments.g.cs", result.Sources.Keys);
    }

    [Theory]
    [InlineData("- { name: myapp.request.done.count, kind: countr, description: D }", "countr", "Unknown metric kind 'countr' (did you mean 'counter'?)")]
    [InlineData("- { name: myapp.request.donep.duration, kind: summary, description: D }", "myapp.request.donep.duration", "records event 'myapp.request.donep' (derived from its name), which the catalog does not declare (did you mean 'myapp.request.done'?)")]
    [InlineData("- { name: myapp.x, event: myapp.request.stp, measurement: duration, kind: summary, description: D }", "myapp.request.stp", "records event 'myapp.request.stp', which the catalog does not declare")]
    [InlineData("- { name: myapp.request.done.durration, kind: summary, description: D }", "myapp.request.done.durration", "records measurement 'durration' (derived from its name), which event 'myapp.request.done' does not declare (did you mean 'duration'?)")]
    [InlineData("- { name: myapp.x, event: myapp.request.done, measurement: sise, kind: sum, description: D }", "sise", "does not declare (did you mean 'size'?); its measurements are duration, size, score, system_time")]
    [InlineData("- { name: myapp.request.done.route, kind: last_value, description: D }", "myapp.request.done.route", "records 'route', which is metadata of 'myapp.request.done', not a measurement")]
    [InlineData("- { name: myapp.request.done.count, kind: counter, measurement: size, description: D }", "size", "A counter counts events and takes no measurement")]
    [InlineData("- { name: myapp.request.done.system_time, kind: last_value, description: D }", "myapp.request.done.system_time", "is a timestamp, which metric 'myapp.request.done.system_time' cannot aggregate")]
    [InlineData("- { name: myapp.request.done.duration, kind: summary, unit: minutes, description: D }", "minutes", "Unit 'minutes' does not fit duration measurement 'duration'")]
    [InlineData("- { name: myapp.request.done.size, kind: sum, unit: KiB, description: D }", "KiB", "which the catalog declares in 'By'")]
    [InlineData("- { name: myapp.request.done.count, kind: counter, tags: [rout], description: D }", "rout", "Tag 'rout' of metric 'myapp.request.done.count' is not metadata of 'myapp.request.done' (did you mean 'route'?)")]
    [InlineData("- { name: myapp.request.done.count, kind: counter, tags: [score], description: D }", "score", "Tag 'score' of metric 'myapp.request.done.count' is a measurement")]
    [InlineData("- { name: myapp.request.done.count, kind: counter, buckets: [1, 2], description: D }", "[1, 2]", "'buckets' applies to kind 'distribution' only")]
    [InlineData("- { name: myapp.request.done.duration, kind: distribution, description: D }", "distribution", "needs its bucket boundaries")]
    [InlineData("- { name: myapp.request.done.duration, kind: distribution, buckets: [1, 5, 3], description: D }", "3", "Bucket boundary 3 of metric 'myapp.request.done.duration' is not greater than the one before it (5)")]
    [InlineData("- { name: myapp.request.done.size, kind: distribution, buckets: [1, 2.5], description: D }", "2.5", "is not a whole number, but 'size' is an int64 measurement")]
    [InlineData("- { name: Myapp.Request, event: myapp.request.done, kind: counter, description: D }", "Myapp.Request", "Metric name 'Myapp.Request' is not valid")]
    [InlineData("- { name: requests, kind: counter, description: D }", "requests", "No event can be derived from metric name 'requests'")]
    public void SNK108_is_reported_at_the_node_that_is_wrong(string entry, string at, string message)
    {
        var yaml = Catalog + "  " + entry + "\n";
        var diagnostic = Single(yaml, "SNK108");
        Assert.Contains(message, diagnostic.GetMessage());
        AssertAt(yaml, diagnostic, at, yaml.IndexOf("metrics:", System.StringComparison.Ordinal));
    }

    [Fact]
    public void SNK108_duplicate_name_points_at_the_second_declaration()
    {
        var yaml = Catalog + "  - { name: myapp.request.done.count, kind: counter, description: A }\n  - { name: myapp.request.done.count, kind: counter, description: B }\n";
        var diagnostic = Single(yaml, "SNK108");
        Assert.Contains("is declared twice", diagnostic.GetMessage());
        AssertAt(yaml, diagnostic, "myapp.request.done.count", yaml.IndexOf("description: A }", System.StringComparison.Ordinal));
    }

    [Fact]
    public void SNK108_duplicate_tag_points_at_the_second_tag()
    {
        var yaml = Catalog + "  - { name: myapp.request.done.count, kind: counter, tags: [route, node, route], description: D }\n";
        var diagnostic = Single(yaml, "SNK108");
        Assert.Contains("Tag 'route' appears twice", diagnostic.GetMessage());
        AssertAt(yaml, diagnostic, "route", yaml.IndexOf("node, route", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("metrics:\n  requests: { kind: counter }\n", "requests: { kind: counter }\n", "The 'metrics' section must be a list")]
    [InlineData("metrics:\n  - just-a-name\n", "just-a-name", "An entry of 'metrics' must be a mapping")]
    [InlineData("metrics:\n  - { name: myapp.request.done.count, kind: counter }\n", "myapp.request.done.count", "has no 'description'")]
    [InlineData("metrics:\n  - { name: myapp.request.done.count, kind: counter, description: D, buckit: [1] }\n", "buckit", "did you mean 'buckets'?")]
    [InlineData("metrics:\n  - { name: myapp.request.done.duration, kind: distribution, buckets: [1, many], description: D }\n", "many", "Bucket boundary 'many' of metric 'myapp.request.done.duration' is not a number")]
    [InlineData("metrics:\n  - { name: myapp.request.done.count, kind: counter, tags: route, description: D }\n", "route", "must be a list of metadata field names")]
    public void Shape_errors_of_the_section_are_SNK101(string section, string at, string message)
    {
        var yaml = Catalog.Replace("metrics:\n", "") + section;
        var diagnostic = Single(yaml, "SNK101");
        Assert.Contains(message, diagnostic.GetMessage());
        AssertAt(yaml, diagnostic, at, yaml.IndexOf("metrics:", System.StringComparison.Ordinal));
    }

    private static Diagnostic Single(string yaml, string id)
    {
        var result = GeneratorHarness.Run(yaml, Path);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Empty(result.Sources);
        return diagnostic;
    }

    /// <summary>Asserts the diagnostic covers exactly the first occurrence of <paramref name="needle"/> after <paramref name="from"/>.</summary>
    private static void AssertAt(string yaml, Diagnostic diagnostic, string needle, int from)
    {
        var index = yaml.IndexOf(needle, from, System.StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{needle}' not found");
        var expected = new TextSpan(index, needle.Length);
        Assert.Equal(expected, diagnostic.Location.SourceSpan);
        Assert.Equal(SourceText.From(yaml).Lines.GetLinePositionSpan(expected), diagnostic.Location.GetLineSpan().Span);
    }
}
