using System;
using System.Collections.Generic;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>The words of the catalog format: keys, choices and types (schemas/events.schema.json says the same; a test holds them together).</summary>
internal sealed partial class CatalogParser
{
    internal static readonly string[] RootKeys = { "catalog", "namespace", "description", "enums", "common_metadata", "events", "metrics" };

    internal static readonly string[] EventKeys = { "description", "frequency", "stability", "deprecated", "measurements", "metadata" };

    internal static readonly string[] FieldKeys = { "type", "unit", "optional", "description", "values", "cardinality" };

    internal static readonly string[] Cardinalities = { "low", "high" };

    internal static readonly string[] Frequencies = { "high", "medium", "low" };

    internal static readonly string[] Stabilities = { "stable", "experimental" };

    internal static readonly string[] MeasurementTypes = { "int64", "double", "duration", "timestamp" };

    internal static readonly string[] MetadataTypes = { "string", "bool", "int64", "double", "enum" };

    internal static readonly string[] MetricKeys = { "name", "kind", "event", "measurement", "unit", "tags", "description", "buckets" };

    /// <summary>The metric kinds, in the order of <see cref="Model.MetricKind"/>.</summary>
    internal static readonly string[] MetricKinds = { "counter", "sum", "last_value", "summary", "distribution" };

    /// <summary>The units of durations: of a metric (default ms), and of a duration field on workers' lines (default ns).</summary>
    internal static readonly string[] DurationUnits = { "s", "ms", "us", "ns" };

    private static readonly Dictionary<string, string> TypeHints = new(StringComparer.Ordinal)
    {
        ["int"] = "int64",
        ["integer"] = "int64",
        ["long"] = "int64",
        ["int32"] = "int64",
        ["float"] = "double",
        ["number"] = "double",
        ["decimal"] = "double",
        ["str"] = "string",
        ["text"] = "string",
        ["boolean"] = "bool",
        ["native"] = "duration",
        ["timespan"] = "duration",
        ["system_time"] = "timestamp",
        ["datetime"] = "timestamp",
    };
}
