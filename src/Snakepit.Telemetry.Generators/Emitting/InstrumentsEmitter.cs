using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// Writes the catalog's road into System.Diagnostics: one <c>Meter</c> with an instrument per metric and a
/// <c>Record</c> method per recorded event, and one <c>ActivitySource</c> for the spans. They live in a nested class,
/// created once, on the first check of an event that needs them.
/// </summary>
internal static class InstrumentsEmitter
{
    /// <summary>The nested class's name: two underscores, which no catalog name produces.</summary>
    public const string ClassName = "__Instruments";

    private const string Diagnostics = "global::System.Diagnostics";

    private const string Metrics = "global::System.Diagnostics.Metrics";

    public static string Emit(EmitContext context)
    {
        var catalog = context.Catalog;
        var writer = CatalogEmitter.Begin(catalog);
        writer.Open($"public static partial class {catalog.ClassName}");
        writer.Line($"/// <summary>The Meter{(context.HasActivitySource ? " and the ActivitySource" : "")} of catalog '{catalog.CatalogName}' and its instruments, for the generated emitters.</summary>");
        writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        writer.Line(CatalogEmitter.GeneratedCode);
        writer.Open($"internal static class {ClassName}");
        if (context.HasMeter)
        {
            writer.Line($"internal static readonly {Metrics}.Meter Meter = new {Metrics}.Meter({context.ClassRef}.MeterName);");
        }

        if (context.HasActivitySource)
        {
            writer.Line($"internal static readonly {Diagnostics}.ActivitySource Source = new {Diagnostics}.ActivitySource({context.ClassRef}.ActivitySourceName);");
        }

        if (catalog.Events.Any(e => context.Properties(e).Any(f => f.Type == FieldType.Bool && f.Kind == FieldKind.Metadata)))
        {
            writer.Line("/// <summary>Boolean tag values, boxed once.</summary>");
            writer.Line("internal static readonly object True = true, False = false;");
        }

        foreach (var metric in catalog.Metrics)
        {
            writer.Line();
            var spec = context.Event(metric.EventName)!;
            var field = metric.Measurement is null ? null : context.Field(spec, metric.Measurement);
            writer.Line($"/// <summary><c>{metric.Name}</c> ({Kind(metric.Kind)} of {(field is null ? "" : $"<c>{field.Name}</c> of ")}<c>{spec.Name}</c>): {SourceWriter.Xml(metric.Description)}</summary>");
            writer.Line($"internal static readonly {InstrumentType(metric, field)} {context.InstrumentField(metric)} = {Create(metric, field)};");
        }

        foreach (var spec in catalog.Events)
        {
            var metrics = context.MetricsOf(spec);
            if (metrics.Count > 0)
            {
                writer.Line();
                EmitRecord(writer, context, spec, metrics);
            }
        }

        writer.Close();
        writer.Close();
        return CatalogEmitter.End(writer);
    }

    private static string Kind(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "counter",
        MetricKind.Sum => "sum",
        MetricKind.LastValue => "last value",
        MetricKind.Summary => "summary",
        _ => "distribution",
    };

    /// <summary>The number type an instrument records: long for int64 (and counters), double otherwise.</summary>
    private static string NumberType(MetricSpec metric, FieldSpec? field) =>
        field is null || field.Type == FieldType.Int64 ? "long" : "double";

    private static string InstrumentType(MetricSpec metric, FieldSpec? field)
    {
        var number = NumberType(metric, field);
        return metric.Kind switch
        {
            MetricKind.Counter or MetricKind.Sum => $"{Metrics}.Counter<{number}>",
            MetricKind.LastValue => $"{Metrics}.Gauge<{number}>",
            _ => $"{Metrics}.Histogram<{number}>",
        };
    }

    private static string Create(MetricSpec metric, FieldSpec? field)
    {
        var number = NumberType(metric, field);
        var method = metric.Kind switch
        {
            MetricKind.Counter or MetricKind.Sum => "CreateCounter",
            MetricKind.LastValue => "CreateGauge",
            _ => "CreateHistogram",
        };
        var unit = metric.Unit is null ? "null" : SourceWriter.Literal(metric.Unit);
        var arguments = $"{SourceWriter.Literal(metric.Name)}, {unit}, {SourceWriter.Literal(metric.Description)}";
        if (metric.Kind == MetricKind.Distribution)
        {
            var bounds = string.Join(", ", metric.Buckets.Select(b => number == "long"
                ? ((long)b).ToString(CultureInfo.InvariantCulture)
                : Double(b)));
            arguments += $", null, {CatalogEmitter.Runtime}.TelemetryInstrumentAdvice.Buckets<{number}>({bounds})";
        }

        return $"Meter.{method}<{number}>({arguments})";
    }

    private static string Double(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    /// <summary><c>Record(in Payload e)</c>: each enabled instrument of the event gets its value and tags.</summary>
    private static void EmitRecord(SourceWriter writer, EmitContext context, EventSpec spec, IReadOnlyList<MetricSpec> metrics)
    {
        var payload = context.Qualify(spec.TypeName);
        writer.Line($"/// <summary>Records <c>{spec.Name}</c> into its instruments that a listener enabled (the emitter read each flag once). A listener's callback that throws, or emits so that recording nests without end, is reported, never thrown.</summary>");
        writer.Open($"internal static void Record(in {payload} e, {string.Join(", ", metrics.Select((m, i) => "bool " + EmitContext.InstrumentLocal(i)))})");
        writer.Open($"if (!{CatalogEmitter.Runtime}.TelemetryListeners.EnterRecording({payload}.Name))");
        writer.Line("return;");
        writer.Close();
        writer.Line();
        writer.Open("try");
        var first = true;
        var flag = 0;
        foreach (var metric in metrics)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            var instrument = context.InstrumentField(metric);
            var field = metric.Measurement is null ? null : context.Field(spec, metric.Measurement);
            var condition = EmitContext.InstrumentLocal(flag++);
            if (field is { Optional: true })
            {
                condition += $" && e.{field.PropertyName}.HasValue";
            }

            writer.Open($"if ({condition})");
            writer.Line($"var __tags = new {Diagnostics}.TagList();");
            var index = 0;
            foreach (var tag in metric.Tags)
            {
                EmitTag(writer, context, context.Field(spec, tag), "__tags.Add", "e." + context.Field(spec, tag).PropertyName, index++);
            }

            var call = metric.Kind is MetricKind.Counter or MetricKind.Sum ? "Add" : "Record";
            writer.Line($"{instrument}.{call}({Value(metric, field)}, in __tags);");
            writer.Close();
        }

        writer.Close();
        writer.Open("catch (global::System.Exception __x)");
        writer.Line($"{CatalogEmitter.Runtime}.TelemetryListeners.RecordingFailed({payload}.Name, __x);");
        writer.Close();
        writer.Open("finally");
        writer.Line($"{CatalogEmitter.Runtime}.TelemetryListeners.ExitRecording();");
        writer.Close();
        writer.Close();
    }

    /// <summary>The value recorded: 1 for a counter, a duration in the metric's unit, or the measurement itself.</summary>
    private static string Value(MetricSpec metric, FieldSpec? field)
    {
        if (field is null)
        {
            return "1";
        }

        var access = "e." + field.PropertyName + (field.Optional ? ".Value" : "");
        if (field.Type != FieldType.Duration)
        {
            return access;
        }

        return metric.Unit switch
        {
            "s" => access + ".TotalSeconds",
            "us" => $"({access}.Ticks / 10.0)",
            "ns" => $"({access}.Ticks * 100.0)",
            _ => access + ".TotalMilliseconds",
        };
    }

    /// <summary>
    /// Adds one tag: the catalog field name as key; strings as given, enums in their catalog spelling and booleans as
    /// shared boxes (no allocation); an absent optional value is left out.
    /// </summary>
    internal static void EmitTag(SourceWriter writer, EmitContext context, FieldSpec field, string add, string access, int index)
    {
        var key = SourceWriter.Literal(field.Name);
        var local = "__v" + index.ToString(CultureInfo.InvariantCulture);
        var value = field.Optional && field.Type != FieldType.String ? local : access;
        var tagValue = field.Type switch
        {
            FieldType.Enum => $"{context.ClassRef}.ToCatalogValue({value})",
            FieldType.Bool => $"({value} ? {context.Instruments}.True : {context.Instruments}.False)",
            FieldType.String => value,
            _ => $"(object){value}",
        };
        if (!field.Optional)
        {
            writer.Line($"{add}({key}, {tagValue});");
        }
        else if (field.Type == FieldType.String)
        {
            writer.Line($"if ({access} != null) {add}({key}, {tagValue});");
        }
        else
        {
            writer.Line($"if ({access} is {{ }} {local}) {add}({key}, {tagValue});");
        }
    }
}
