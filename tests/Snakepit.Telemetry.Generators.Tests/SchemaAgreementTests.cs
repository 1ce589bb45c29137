using System.IO;
using System.Linq;
using System.Text.Json;
using Snakepit.Telemetry.Generators.Parsing;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>
/// The parser's words of the format (CatalogParser.Schema.cs) and the JSON Schema editors validate with
/// (schemas/events.schema.json) say the same: keys, choices and types.
/// </summary>
public sealed class SchemaAgreementTests
{
    private static readonly JsonElement Schema =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "schemas", "events.schema.json"))).RootElement;

    private static readonly JsonElement Defs = Schema.GetProperty("$defs");

    [Fact]
    public void Root_keys_agree() => AssertSame(CatalogParser.RootKeys, Keys(Schema.GetProperty("properties")));

    [Fact]
    public void Event_keys_and_choices_agree()
    {
        var properties = Defs.GetProperty("event").GetProperty("properties");
        AssertSame(CatalogParser.EventKeys, Keys(properties));
        AssertSame(CatalogParser.Frequencies, Enum(properties.GetProperty("frequency")));
        AssertSame(CatalogParser.Stabilities, Enum(properties.GetProperty("stability")));
    }

    [Fact]
    public void Field_keys_types_and_cardinalities_agree()
    {
        AssertSame(CatalogParser.MeasurementTypes, Enum(Defs.GetProperty("measurementType")));

        var metadata = LongForm(Defs.GetProperty("metadataFields")).GetProperty("properties");
        AssertSame(CatalogParser.FieldKeys, Keys(metadata));
        AssertSame(CatalogParser.Cardinalities, Enum(metadata.GetProperty("cardinality")));

        // Measurements take the same keys but values and cardinality (the parser names those errors itself).
        var measurement = LongForm(Defs.GetProperty("measurementFields")).GetProperty("properties");
        AssertSame(CatalogParser.FieldKeys.Except(new[] { "values", "cardinality" }), Keys(measurement));

        var metadataTypes = Defs.GetProperty("metadataType").GetProperty("description").GetString()!;
        Assert.All(CatalogParser.MetadataTypes, type => Assert.Contains(type, metadataTypes));
    }

    [Fact]
    public void Metric_keys_and_kinds_agree()
    {
        var properties = Defs.GetProperty("metric").GetProperty("properties");
        AssertSame(CatalogParser.MetricKeys, Keys(properties));
        AssertSame(CatalogParser.MetricKinds, Enum(properties.GetProperty("kind")));
        Assert.All(CatalogParser.DurationUnits, unit => Assert.Contains(unit, properties.GetProperty("unit").GetProperty("description").GetString()!));
    }

    private static JsonElement LongForm(JsonElement fields) =>
        fields.GetProperty("additionalProperties").GetProperty("oneOf").EnumerateArray().Single(e => e.TryGetProperty("properties", out _));

    private static string[] Keys(JsonElement properties) => properties.EnumerateObject().Select(p => p.Name).ToArray();

    private static string[] Enum(JsonElement element) => element.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static void AssertSame(System.Collections.Generic.IEnumerable<string> parser, string[] schema) =>
        Assert.Equal(parser.OrderBy(x => x, System.StringComparer.Ordinal), schema.OrderBy(x => x, System.StringComparer.Ordinal));
}
