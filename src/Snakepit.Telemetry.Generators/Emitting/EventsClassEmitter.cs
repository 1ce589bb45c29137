using System.Linq;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// Writes the static <c>&lt;Catalog&gt;Events</c> class: per event an emitter and an <c>IsXxxEnabled</c> check,
/// per span a <c>StartXxx</c> helper, the common metadata settings and the enum-to-catalog-value helpers.
/// </summary>
internal static class EventsClassEmitter
{
    public static string Emit(EmitContext context)
    {
        var catalog = context.Catalog;
        var writer = CatalogEmitter.Begin(catalog);
        writer.Summary(
            (catalog.Description is null ? "" : catalog.Description.TrimEnd() + "\n") +
            $"Emitters for the '{catalog.CatalogName}' telemetry catalog. Each emitter costs one branch when no handler is attached.");
        writer.Line(CatalogEmitter.GeneratedCode);
        writer.Open($"public static partial class {catalog.ClassName}");

        EmitSourceNames(writer, context);
        writer.Line();
        EmitCommonMetadata(writer, context);

        foreach (var spec in catalog.Events)
        {
            writer.Line();
            EmitEvent(writer, context, spec);
        }

        foreach (var span in catalog.Spans)
        {
            writer.Line();
            SpanEmitter.EmitStart(writer, context, span);
        }

        foreach (var spec in catalog.Enums)
        {
            writer.Line();
            var type = context.Qualify(spec.TypeName);
            writer.Line($"/// <summary>The catalog spelling of a <see cref=\"{type}\"/> value (e.g. for metric tags).</summary>");
            writer.Line("/// <remarks>Declared values return a constant string, without allocating; a value the catalog does not declare (a cast) returns its number as text, which allocates.</remarks>");
            writer.Open($"public static string ToCatalogValue({type} value)");
            writer.Open("switch (value)");
            foreach (var member in spec.Members)
            {
                writer.Line($"case {type}.{member.MemberName}: return {SourceWriter.Literal(member.Value)};");
            }

            writer.Line("default: return value.ToString();");
            writer.Close();
            writer.Close();
        }

        writer.Close();
        return CatalogEmitter.End(writer);
    }

    private static void EmitSourceNames(SourceWriter writer, EmitContext context)
    {
        var name = SourceWriter.Literal(context.Catalog.CatalogName);
        writer.Line(context.HasMeter
            ? "/// <summary>The name of the <see cref=\"global::System.Diagnostics.Metrics.Meter\"/> that records this catalog's metrics: give it to OpenTelemetry's <c>AddMeter</c> (or <c>dotnet-counters --counters</c>).</summary>"
            : "/// <summary>The name of this catalog's <see cref=\"global::System.Diagnostics.Metrics.Meter\"/>. The catalog declares no metrics yet, so nothing is recorded under it.</summary>");
        writer.Line($"public const string MeterName = {name};");
        writer.Line();
        writer.Line(context.HasActivitySource
            ? "/// <summary>The name of the <see cref=\"global::System.Diagnostics.ActivitySource\"/> that traces this catalog's spans: give it to OpenTelemetry's <c>AddSource</c>.</summary>"
            : "/// <summary>The name of this catalog's <see cref=\"global::System.Diagnostics.ActivitySource\"/>. The catalog declares no spans, so no activity is started under it.</summary>");
        writer.Line($"public const string ActivitySourceName = {name};");
    }

    private static void EmitCommonMetadata(SourceWriter writer, EmitContext context)
    {
        var common = context.Catalog.CommonMetadata;
        writer.Line("/// <summary>");
        writer.Line("/// Metadata that every event of this catalog carries. Set it once at startup; every event created afterwards");
        writer.Line("/// takes the current values." + (common.Any(f => f.Name == "node") ? " <c>Node</c> defaults to <see cref=\"global::System.Environment.MachineName\"/>." : ""));
        writer.Line("/// </summary>");
        writer.Open("public static class CommonMetadata");
        var first = true;
        foreach (var field in common)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            var type = context.TypeOf(field);
            var backing = "s_" + field.ParameterName.TrimStart('@');
            var initial = field.Name == "node" && field.Type == FieldType.String
                ? "global::System.Environment.MachineName"
                : field.Type == FieldType.String && !field.Optional ? "string.Empty" : "default";
            writer.Line($"private static {type} {backing} = {initial};");
            writer.Line();
            writer.Summary(EmitContext.Describe(field));
            if (field.Type == FieldType.String && !field.Optional)
            {
                writer.Open($"public static {type} {field.PropertyName}");
                writer.Line($"get => {backing};");
                writer.Line($"set => {backing} = value ?? throw new global::System.ArgumentNullException(nameof(value));");
                writer.Close();
            }
            else
            {
                writer.Line($"public static {type} {field.PropertyName} {{ get => {backing}; set => {backing} = value; }}");
            }
        }

        writer.Close();
    }

    private static void EmitEvent(SourceWriter writer, EmitContext context, EventSpec spec)
    {
        var payload = context.Qualify(spec.TypeName);
        var parameters = EmitContext.Parameters(spec);
        var obsolete = EmitContext.Obsolete(spec.Deprecated);

        var listeners = "a handler of the default hub" +
            (context.MetricsOf(spec).Count > 0 ? ", a listener of one of its metrics" : "") +
            (context.IsSpanEvent(spec) ? ", a listener of its span's activities" : "");
        writer.Line($"/// <summary>Whether anything listens to <c>{spec.Name}</c> ({listeners}) and the configuration lets it through: check it before computing costly arguments.</summary>");
        writer.LineIfAny(obsolete);
        writer.Line($"public static bool {spec.IsEnabledName} => {context.IsEnabledExpression(spec)};");
        writer.Line();

        writer.Line($"/// <summary>Emits <c>{spec.Name}</c>: {SourceWriter.Xml(spec.Description)}</summary>");
        foreach (var field in parameters)
        {
            writer.Line($"/// <param name=\"{field.ParameterName.TrimStart('@')}\">{SourceWriter.Xml(EmitContext.Describe(field))}</param>");
        }

        writer.LineIfAny(obsolete);
        writer.Line(CatalogEmitter.EmitterAttribute(payload));
        writer.Open($"public static void {spec.TypeName}({string.Join(", ", parameters.Select(context.Parameter))})");
        context.EmitInstrumentFlags(writer, spec);
        writer.Open($"if (({context.IsEnabledExpression(spec, instrumentLocals: true)}) && {context.Dispatch(spec)}.Sample())");
        writer.Line($"var __e = new {payload}({string.Join(", ", parameters.Select(p => p.ParameterName))});");
        EmitDelivery(writer, context, spec);
        writer.Close();
        writer.Close();
    }

    /// <summary>
    /// Delivers the payload <c>__e</c>: to the event's enabled instruments (if it has metrics; their flags are the
    /// locals of <see cref="EmitContext.EmitInstrumentFlags"/>), then to the handlers.
    /// </summary>
    internal static void EmitDelivery(SourceWriter writer, EmitContext context, EventSpec spec)
    {
        var count = context.MetricsOf(spec).Count;
        if (count > 0)
        {
            var flags = Enumerable.Range(0, count).Select(EmitContext.InstrumentLocal).ToList();
            writer.Line($"if ({string.Join(" | ", flags)}) {context.Instruments}.Record(in __e, {string.Join(", ", flags)});");
        }

        writer.Line($"{CatalogEmitter.Runtime}.TelemetryDispatch<{context.Qualify(spec.TypeName)}>.Emit(in __e);");
    }
}
