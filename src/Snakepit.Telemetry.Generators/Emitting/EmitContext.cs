using System.Collections.Generic;
using System.Linq;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Generators.Parsing;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>Shared lookups and C# spellings for one catalog.</summary>
internal sealed class EmitContext
{
    private readonly Dictionary<string, EventSpec> _events;

    private readonly Dictionary<string, string> _instrumentFields = new();

    private readonly HashSet<string> _spanEvents = new();

    public EmitContext(CatalogSpec catalog)
    {
        Catalog = catalog;
        _events = catalog.Events.ToDictionary(e => e.Name);
        foreach (var metric in catalog.Metrics)
        {
            // Pascal case of the metric name; two names that spell alike (a_b.c, a.b_c) get their index to stay apart.
            var field = Naming.ToPascalCase(metric.Name);
            _instrumentFields[metric.Name] = _instrumentFields.ContainsValue(field) ? field + "_" + _instrumentFields.Count : field;
        }

        foreach (var span in catalog.Spans)
        {
            _spanEvents.Add(span.StartEvent);
            _spanEvents.UnionWith(new[] { span.StopEvent, span.ExceptionEvent }.Where(e => e is not null)!);
        }
    }

    /// <summary>Whether the catalog has a Meter (it declares metrics).</summary>
    public bool HasMeter => Catalog.Metrics.Count > 0;

    /// <summary>Whether the catalog has an ActivitySource (it declares spans).</summary>
    public bool HasActivitySource => Catalog.Spans.Count > 0;

    /// <summary>The nested class holding the Meter, the ActivitySource and the instruments.</summary>
    public string Instruments => ClassRef + "." + InstrumentsEmitter.ClassName;

    /// <summary>The metrics that record <paramref name="spec"/>, in catalog order.</summary>
    public IReadOnlyList<MetricSpec> MetricsOf(EventSpec spec) => Catalog.Metrics.Where(m => m.EventName == spec.Name).ToList();

    /// <summary>The field of the instrument of <paramref name="metric"/> in the instruments class.</summary>
    public string InstrumentField(MetricSpec metric) => _instrumentFields[metric.Name];

    /// <summary>Whether <paramref name="spec"/> starts or ends a span (so a trace listener makes it worth emitting).</summary>
    public bool IsSpanEvent(EventSpec spec) => _spanEvents.Contains(spec.Name);

    /// <summary><c>global::Snakepit.Telemetry.TelemetryGate&lt;Payload&gt;</c>: the event's gate word, sampler and default handlers.</summary>
    public string Gate(EventSpec spec) => $"{CatalogEmitter.Runtime}.TelemetryGate<{Qualify(spec.TypeName)}>";

    /// <summary>
    /// The condition "a handler or a listened instrument wants the event", for a gate word in <c>__g</c> that is not
    /// negative, the instruments read from the locals <see cref="EmitInstrumentFlags"/> wrote.
    /// </summary>
    public string IsWanted(EventSpec spec) =>
        string.Join(" | ", new[] { $"__g != {CatalogEmitter.Runtime}.TelemetryGate.Idle" }.Concat(InstrumentFlags(spec, locals: true)));

    /// <summary>
    /// Writes one local per instrument of the event (<c>var __m0 = ....Enabled;</c>): the emitter's condition and the
    /// recording both read these, so an instrument's state is read once per emit.
    /// </summary>
    public void EmitInstrumentFlags(SourceWriter writer, EventSpec spec)
    {
        var metrics = MetricsOf(spec);
        for (var i = 0; i < metrics.Count; i++)
        {
            writer.Line($"var {InstrumentLocal(i)} = {Instruments}.{InstrumentField(metrics[i])}.Enabled;");
        }
    }

    /// <summary>The local (and <c>Record</c> parameter) holding whether the event's <paramref name="index"/>-th instrument is enabled.</summary>
    public static string InstrumentLocal(int index) => "__m" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Each instrument's flag: the locals of <see cref="EmitInstrumentFlags"/>, or the instruments' <c>Enabled</c> read in place.</summary>
    public IEnumerable<string> InstrumentFlags(EventSpec spec, bool locals) =>
        MetricsOf(spec).Select((m, i) => locals ? InstrumentLocal(i) : $"{Instruments}.{InstrumentField(m)}.Enabled");

    /// <summary>The payload property of the field named <paramref name="name"/> (an event field or common metadata).</summary>
    public FieldSpec Field(EventSpec spec, string name) => Properties(spec).First(f => f.Name == name);

    public CatalogSpec Catalog { get; }

    public string ClassRef => Qualify(Catalog.ClassName);

    public EventSpec? Event(string? name) => name is not null && _events.TryGetValue(name, out var spec) ? spec : null;

    public string Qualify(string typeName) => "global::" + Catalog.Namespace + "." + typeName;

    /// <summary>The fields of an event's constructor and emitter, in parameter order: required ones, then optional ones.</summary>
    public static IReadOnlyList<FieldSpec> Parameters(EventSpec spec)
    {
        var fields = spec.Measurements.Concat(spec.Metadata).ToList();
        return fields.Where(f => !f.Optional).Concat(fields.Where(f => f.Optional)).ToList();
    }

    /// <summary>Every property of the payload, event fields first, then common metadata.</summary>
    public IReadOnlyList<FieldSpec> Properties(EventSpec spec) =>
        spec.Measurements.Concat(spec.Metadata).Concat(Catalog.CommonMetadata).ToList();

    public string TypeOf(FieldSpec field)
    {
        var type = field.Type switch
        {
            FieldType.Int64 => "long",
            FieldType.Double => "double",
            FieldType.Duration => "global::System.TimeSpan",
            FieldType.Timestamp => "global::System.DateTimeOffset",
            FieldType.String => "string",
            FieldType.Bool => "bool",
            _ => Qualify(field.EnumTypeName!),
        };
        return field.Optional ? type + "?" : type;
    }

    public string Parameter(FieldSpec field) =>
        TypeOf(field) + " " + field.ParameterName + (field.Optional ? " = null" : "");

    /// <summary>The expression that turns a payload property into a <c>TelemetryValue</c> without allocating.</summary>
    public string ValueOf(FieldSpec field, string access)
    {
        var factory = CatalogEmitter.Runtime + ".TelemetryValue.";
        switch (field.Type)
        {
            case FieldType.Int64: return factory + "FromInt64(" + access + ")";
            case FieldType.Double: return factory + "FromDouble(" + access + ")";
            case FieldType.Duration: return factory + "FromDuration(" + access + ")";
            case FieldType.Timestamp: return factory + "FromTimestamp(" + access + ")";
            case FieldType.String: return factory + "FromString(" + access + ")";
            case FieldType.Bool: return factory + "FromBoolean(" + access + ")";
            default:
                var value = field.Optional ? access + ".Value" : access;
                var enumValue = factory + "FromEnum(" + ClassRef + ".ToCatalogValue(" + value + "), (long)" + value + ")";
                return field.Optional ? $"({access}.HasValue ? {enumValue} : {factory}None)" : enumValue;
        }
    }

    /// <summary>The doc text of a field: its description and unit.</summary>
    public static string Describe(FieldSpec field)
    {
        var text = field.Description ?? ToWords(field.Name);
        if (field.Unit is not null)
        {
            text += " Unit: " + field.Unit + ".";
        }

        if (field.Optional)
        {
            text += " Optional: null when absent.";
        }

        return text;
    }

    private static string ToWords(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1).Replace('_', ' ') + ".";

    public static string Obsolete(string? deprecated) =>
        deprecated is null ? "" : "[global::System.Obsolete(" + SourceWriter.Literal(deprecated) + ")]";
}
