using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// Writes a catalog's reference page in Markdown from the parsed catalog (the generator's own model, no second reader
/// of the format): events grouped by their second segment, each with its description, frequency, stability,
/// deprecation, measurements and metadata (type, unit, optionality, cardinality), the span it belongs to and the
/// metrics recorded on it with their Prometheus series names and a ready PromQL query. Deterministic: the same catalog gives the same bytes.
/// </summary>
internal static class CatalogDocsEmitter
{
    public static string Emit(CatalogSpec catalog)
    {
        var text = new StringBuilder();
        text.Append("# `").Append(catalog.CatalogName).Append("` events\n\n");
        text.Append("<!-- Generated from the catalog by Snakepit.Telemetry.Generators; edit the catalog, not this page. -->\n\n");
        if (!string.IsNullOrWhiteSpace(catalog.Description))
        {
            text.Append(Cell(catalog.Description!)).Append("\n\n");
        }

        text.Append("C#: namespace `").Append(catalog.Namespace).Append("`, class `").Append(catalog.ClassName)
            .Append("`; Meter and ActivitySource `").Append(catalog.CatalogName).Append("`. ")
            .Append(Count(catalog.Events.Count, "event")).Append(", ").Append(Count(catalog.Spans.Count, "span"))
            .Append(", ").Append(Count(catalog.Metrics.Count, "metric")).Append(".\n\n");

        if (catalog.CommonMetadata.Count > 0)
        {
            text.Append("## Common metadata\n\nEvery event carries these fields.\n\n");
            Fields(text, catalog, catalog.CommonMetadata);
        }

        foreach (var group in catalog.Events.GroupBy(e => GroupOf(e.Name)))
        {
            text.Append("## ").Append(group.Key).Append("\n\n");
            foreach (var spec in group)
            {
                Event(text, catalog, spec);
            }
        }

        return text.ToString();
    }

    private static void Event(StringBuilder text, CatalogSpec catalog, EventSpec spec)
    {
        text.Append("### `").Append(spec.Name).Append("`\n\n");
        text.Append(Cell(spec.Description)).Append("\n\n");
        text.Append("- frequency: ").Append(spec.Frequency).Append("; stability: ").Append(spec.Stability).Append('\n');
        if (spec.Deprecated is not null)
        {
            text.Append("- **deprecated**: ").Append(Cell(spec.Deprecated)).Append('\n');
        }

        text.Append("- C#: `").Append(spec.TypeName).Append("`, `").Append(spec.HandlerInterfaceName).Append("`, `")
            .Append(catalog.ClassName).Append('.').Append(spec.TypeName).Append("(...)`\n");
        var span = catalog.Spans.FirstOrDefault(s => s.StartEvent == spec.Name || s.StopEvent == spec.Name || s.ExceptionEvent == spec.Name);
        if (span is not null)
        {
            var role = span.StartEvent == spec.Name ? "Starts" : span.StopEvent == spec.Name ? "Stops" : "Ends with an exception";
            text.Append("- ").Append(role).Append(" the span `").Append(span.Name).Append("` (`")
                .Append(catalog.ClassName).Append('.').Append(span.StartMethodName).Append("(...)`)\n");
        }

        text.Append('\n');
        if (spec.Measurements.Count > 0)
        {
            text.Append("Measurements:\n\n");
            Fields(text, catalog, spec.Measurements);
        }

        var metadata = spec.Metadata.Where(f => !f.IsCommon).ToList();
        if (metadata.Count > 0)
        {
            text.Append("Metadata:\n\n");
            Fields(text, catalog, metadata);
        }

        var metrics = catalog.Metrics.Where(m => m.EventName == spec.Name).ToList();
        if (metrics.Count > 0)
        {
            text.Append("Metrics:\n\n| metric | kind | measurement | unit | tags | description |\n|---|---|---|---|---|---|\n");
            foreach (var metric in metrics)
            {
                text.Append("| `").Append(metric.Name).Append("` | ").Append(KindName(metric.Kind)).Append(" | ")
                    .Append(metric.Measurement ?? "(1 per event)").Append(" | ").Append(metric.Unit ?? "").Append(" | ")
                    .Append(string.Join(", ", metric.Tags)).Append(" | ").Append(Cell(metric.Description));
                if (metric.Buckets.Count > 0)
                {
                    text.Append(" (buckets ").Append(string.Join(", ", metric.Buckets.Select(b => b.ToString("R", CultureInfo.InvariantCulture)))).Append(')');
                }

                text.Append(" |\n");
            }

            text.Append('\n');
            var queries = PromQlQueries.Plain(catalog);
            text.Append("In Prometheus (the OpenTelemetry exporter's names; `dotnet msbuild -t:SnakepitDashboards` writes a Grafana dashboard of them):\n\n");
            text.Append("| metric | series | query |\n|---|---|---|\n");
            foreach (var metric in metrics)
            {
                text.Append("| `").Append(metric.Name).Append("` | ")
                    .Append(string.Join(", ", PrometheusNaming.Series(metric).Select(s => "`" + s + "`"))).Append(" | `")
                    .Append(queries.Ready(metric)).Append("` |\n");
            }

            text.Append('\n');
        }
    }

    private static void Fields(StringBuilder text, CatalogSpec catalog, IEnumerable<FieldSpec> fields)
    {
        text.Append("| field | type | unit | required | description |\n|---|---|---|---|---|\n");
        foreach (var field in fields)
        {
            text.Append("| `").Append(field.Name).Append("` | ").Append(TypeOf(catalog, field))
                .Append(field.HighCardinality ? " (high cardinality)" : "").Append(" | ").Append(UnitOf(field))
                .Append(" | ").Append(field.Optional ? "optional" : "yes").Append(" | ").Append(Cell(field.Description ?? "")).Append(" |\n");
        }

        text.Append('\n');
    }

    private static string TypeOf(CatalogSpec catalog, FieldSpec field)
    {
        if (field.Type != FieldType.Enum)
        {
            return field.Type.ToString().ToLowerInvariant();
        }

        var spec = catalog.Enums.FirstOrDefault(e => e.TypeName == field.EnumTypeName);
        return spec is null ? "enum" : $"enum `{spec.TypeName}`: " + string.Join(", ", spec.Members.Select(m => m.Value));
    }

    /// <summary>A field's unit; a duration without one is read from workers in nanoseconds.</summary>
    private static string UnitOf(FieldSpec field) =>
        field.Unit ?? (field.Type == FieldType.Duration ? "ns (default)" : "");

    internal static string KindName(MetricKind kind) => kind switch
    {
        MetricKind.LastValue => "last_value",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The group of an event: its second segment (<c>snakepit.pool.status</c> -> <c>pool</c>).</summary>
    internal static string GroupOf(string eventName)
    {
        var segments = eventName.Split('.');
        return segments.Length > 1 ? segments[1] : eventName;
    }

    /// <summary>Text safe inside a Markdown table cell: one line, pipes escaped.</summary>
    private static string Cell(string value) =>
        string.Join(" ", value.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())).Replace("|", "\\|");

    private static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}
