using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>Each catalog diagnostic (SNK100-SNK106), with its exact place in the YAML file and a message that says how to fix it.</summary>
public class CatalogDiagnosticTests
{
    private const string Path = "/app/events.yaml";

    private const string Valid = """
        catalog: myapp
        namespace: MyApp.Telemetry
        events:
          myapp.request.start:
            description: A request started.
            measurements:
              system_time: timestamp
            metadata:
              user_id: string
        """;

    [Fact]
    public void Valid_catalog_has_no_diagnostics_and_generates_code()
    {
        var result = GeneratorHarness.Run(Valid, Path);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.NotEmpty(result.Sources);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void SNK100_yaml_syntax_error_is_located_where_the_parser_stopped()
    {
        var yaml = "catalog: myapp\nnamespace: MyApp.Telemetry\nevents:\n  myapp.a:\n    description: a: b\n";
        var diagnostic = Single(yaml, "SNK100");
        Assert.Equal(Path, diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(4, 18), diagnostic.Location.GetLineSpan().StartLinePosition);
        Assert.Contains("Fix the YAML syntax", diagnostic.GetMessage());
    }

    [Fact]
    public void SNK101_missing_description_points_at_the_event_name()
    {
        var yaml = Valid.Replace("    description: A request started.\n", "");
        var diagnostic = Single(yaml, "SNK101");
        AssertAt(yaml, diagnostic, "myapp.request.start");
        Assert.Contains("has no 'description'", diagnostic.GetMessage());
    }

    [Fact]
    public void SNK101_unknown_key_suggests_the_closest_known_key()
    {
        var yaml = Valid.Replace("    description: A request started.", "    description: A request started.\n    frequncy: high");
        var diagnostic = Single(yaml, "SNK101");
        AssertAt(yaml, diagnostic, "frequncy");
        Assert.Contains("did you mean 'frequency'?", diagnostic.GetMessage());
    }

    [Fact]
    public void SNK101_value_of_the_wrong_shape_is_reported_at_the_value()
    {
        var yaml = Valid.Replace("    description: A request started.", "    description: A request started.\n    frequency: always");
        var diagnostic = Single(yaml, "SNK101");
        AssertAt(yaml, diagnostic, "always");
        Assert.Contains("must be one of high, medium, low", diagnostic.GetMessage());
    }

    [Fact]
    public void SNK101_a_duration_unit_that_is_not_a_time_unit_is_reported_at_the_unit()
    {
        var yaml = Valid.Replace("      system_time: timestamp", "      system_time: timestamp\n      took: { type: duration, unit: EUR }");
        var diagnostic = Single(yaml, "SNK101");
        AssertAt(yaml, diagnostic, "EUR");
        Assert.Contains("one of ns, us, ms or s", diagnostic.GetMessage());

        var good = Valid.Replace("      system_time: timestamp", "      system_time: timestamp\n      took: { type: duration, unit: us }");
        Assert.Empty(GeneratorHarness.Run(good, Path).GeneratorDiagnostics);
    }

    [Fact]
    public void SNK101_missing_namespace_is_reported()
    {
        var yaml = Valid.Replace("namespace: MyApp.Telemetry\n", "");
        var diagnostic = Single(yaml, "SNK101");
        Assert.Contains("has no 'namespace'", diagnostic.GetMessage());
    }

    [Fact]
    public void SNK102_event_name_outside_the_catalog_is_reported_at_the_name()
    {
        var yaml = Valid.Replace("myapp.request.start:", "other.request.start:");
        var diagnostic = Single(yaml, "SNK102");
        AssertAt(yaml, diagnostic, "other.request.start");
        Assert.Contains("must start with the catalog name", diagnostic.GetMessage());
    }

    [Fact]
    public void SNK102_bad_segment_names_the_segment_and_a_fix()
    {
        var yaml = Valid.Replace("myapp.request.start:", "myapp.Request.start:");
        var diagnostic = Single(yaml, "SNK102");
        AssertAt(yaml, diagnostic, "myapp.Request.start");
        Assert.Contains("segment 'Request'", diagnostic.GetMessage());
        Assert.Contains("'request'", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("userId", "user_id")]
    [InlineData("HTTPStatus", "http_status")]
    [InlineData("requestID2", "request_id2")]
    [InlineData("Pool-Name", "pool_name")]
    [InlineData("ordér", "ord_r")]
    [InlineData("9lives", "x9lives")]
    [InlineData("a__b", "a_b")]
    public void SNK102_suggests_the_snake_case_spelling(string segment, string suggestion) =>
        Assert.Equal(suggestion, Parsing.CatalogParser.SuggestSegment(segment));

    [Fact]
    public void SNK102_bad_field_name_is_reported_at_the_field()
    {
        var yaml = Valid.Replace("user_id: string", "UserId: string");
        var diagnostic = Single(yaml, "SNK102");
        AssertAt(yaml, diagnostic, "UserId");
    }

    [Fact]
    public void SNK103_duplicate_event_is_reported_at_the_second_declaration()
    {
        var yaml = Valid + "\n  myapp.request.start:\n    description: Again.\n";
        var diagnostic = Single(yaml, "SNK103");
        AssertAt(yaml, diagnostic, "myapp.request.start", occurrence: 2);
        Assert.Contains("declared twice", diagnostic.GetMessage());
    }

    [Fact]
    public void SNK103_names_that_collide_after_mapping_are_reported()
    {
        var yaml = Valid + "\n  myapp.request_start:\n    description: Collides with myapp.request.start.\n";
        var diagnostic = Single(yaml, "SNK103");
        AssertAt(yaml, diagnostic, "myapp.request_start");
        Assert.Contains("'RequestStart'", diagnostic.GetMessage());
    }

    [Fact]
    public void SNK103_field_named_like_its_event_type_is_a_catalog_error_not_a_compile_error()
    {
        var yaml = Valid.Replace("myapp.request.start:", "myapp.user_id:");
        var result = GeneratorHarness.Run(yaml, Path);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SNK103", diagnostic.Id);
        AssertAt(yaml, diagnostic, "user_id", occurrence: 2);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void SNK103_an_event_whose_emitter_would_be_named_Decoder_collides_with_the_decoder()
    {
        var yaml = Valid + "\n  myapp.decoder:\n    description: Collides with MyappEvents.Decoder.\n";
        var diagnostic = Single(yaml, "SNK103");
        AssertAt(yaml, diagnostic, "myapp.decoder");
        Assert.Contains("decoder of workers' telemetry lines", diagnostic.GetMessage());
    }

    [Fact]
    public void SNK103_field_named_name_collides_with_the_name_constant()
    {
        var yaml = Valid.Replace("user_id: string", "name: string");
        var diagnostic = Single(yaml, "SNK103");
        AssertAt(yaml, diagnostic, "name: string", length: 4);
        Assert.Contains("'Name'", diagnostic.GetMessage());
    }

    [Fact]
    public void SNK103_two_files_declaring_one_catalog_are_reported()
    {
        var result = GeneratorHarness.Run(
            new[] { new InMemoryText("/app/a/events.yaml", Valid), new InMemoryText("/app/b/events.yaml", Valid) },
            Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SNK103", diagnostic.Id);
        Assert.Equal("/app/b/events.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("also declared in '/app/a/events.yaml'", diagnostic.GetMessage());
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void SNK104_non_numeric_measurement_is_reported_at_the_type()
    {
        var yaml = Valid.Replace("system_time: timestamp", "system_time: string");
        var diagnostic = Single(yaml, "SNK104");
        AssertAt(yaml, diagnostic, "string", occurrence: 1);
        Assert.Contains("measurements are numbers", diagnostic.GetMessage());
    }

    [Fact]
    public void SNK104_unknown_type_suggests_the_catalog_type()
    {
        var yaml = Valid.Replace("system_time: timestamp", "system_time: int");
        var diagnostic = Single(yaml, "SNK104");
        AssertAt(yaml, diagnostic, "int");
        Assert.Contains("did you mean 'int64'?", diagnostic.GetMessage());
    }

    [Fact]
    public void SNK105_stop_without_start_is_reported_at_the_stop_event()
    {
        var yaml = Valid.Replace("myapp.request.start:", "myapp.request.stop:");
        var diagnostic = Single(yaml, "SNK105");
        AssertAt(yaml, diagnostic, "myapp.request.stop");
        Assert.Contains("declare 'myapp.request.start'", diagnostic.GetMessage(), System.StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SNK106_too_old_a_language_version_names_the_LangVersion_to_set()
    {
        var result = GeneratorHarness.Run(Valid, Path, Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SNK106", diagnostic.Id);
        Assert.Contains("<LangVersion>8.0</LangVersion>", diagnostic.GetMessage());
        AssertAt(Valid, diagnostic, "myapp", occurrence: 1);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void SNK107_metric_tag_on_a_high_cardinality_field_is_a_warning_and_code_is_still_generated()
    {
        var yaml = Valid.Replace("user_id: string", "user_id: { type: string, cardinality: high }\n      region: string")
            + "\nmetrics:\n  - { name: myapp.request.start.count, kind: counter, description: Requests, tags: [region, user_id] }\n";
        var result = GeneratorHarness.Run(yaml, Path);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SNK107", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        AssertAt(yaml, diagnostic, "user_id", occurrence: 2);
        Assert.NotEmpty(result.Sources);
        Assert.Contains("[global::Snakepit.Telemetry.HighCardinality]\n        public string UserId { get; }", result.Sources["MyApp.Telemetry.MyappEvents.Payloads.g.cs"]);
    }

    [Fact]
    public void SNK107_applies_to_a_metric_whose_event_is_derived_from_its_name()
    {
        var yaml = Valid.Replace("user_id: string", "user_id: { type: string, cardinality: high }")
            + "\nmetrics:\n  - { name: myapp.request.start.count, kind: counter, tags: [user_id], description: Requests }\n";
        var result = GeneratorHarness.Run(yaml, Path);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SNK107", diagnostic.Id);
        AssertAt(yaml, diagnostic, "user_id", occurrence: 2);
    }

    [Fact]
    public void Cardinality_on_a_measurement_is_a_schema_error()
    {
        var yaml = Valid.Replace("system_time: timestamp", "system_time: { type: timestamp, cardinality: high }");
        var diagnostic = Single(yaml, "SNK101");
        Assert.Contains("'cardinality' applies to metadata only", diagnostic.GetMessage());
    }

    private static Diagnostic Single(string yaml, string id)
    {
        var result = GeneratorHarness.Run(yaml, Path);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Empty(result.Sources);
        Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Id == "CS8785");
        return diagnostic;
    }

    /// <summary>Asserts the diagnostic covers exactly the <paramref name="occurrence"/>-th occurrence of <paramref name="needle"/>.</summary>
    private static void AssertAt(string yaml, Diagnostic diagnostic, string needle, int occurrence = 1, int? length = null)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = yaml.IndexOf(needle, index + 1, System.StringComparison.Ordinal);
        }

        Assert.True(index >= 0, $"'{needle}' not found");
        var expected = new TextSpan(index, length ?? needle.Length);
        var text = SourceText.From(yaml);
        Assert.Equal(text.Lines.GetLinePositionSpan(expected), diagnostic.Location.GetLineSpan().Span);
        Assert.Equal(expected, diagnostic.Location.SourceSpan);
    }
}
