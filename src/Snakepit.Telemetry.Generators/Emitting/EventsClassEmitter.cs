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
            $"Emitters for the '{catalog.CatalogName}' telemetry catalog. An emitter that nothing listens to costs a field read and a branch (and a read of each of its instruments' flags).");
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

        writer.Line();
        DeliveryEmitter.Emit(writer, context);

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
        var gate = context.Gate(spec);

        var listeners = "a handler of the default hub" +
            (context.MetricsOf(spec).Count > 0 ? ", a listener of one of its metrics" : "") +
            (context.IsSpanEvent(spec) ? ", a listener of its span's activities" : "");
        writer.Line($"/// <summary>Whether anything listens to <c>{spec.Name}</c> ({listeners}) and the configuration lets it through: check it before computing costly arguments.</summary>");
        writer.LineIfAny(obsolete);
        writer.Open($"public static bool {spec.IsEnabledName}");
        writer.Open("get");
        writer.Line($"var __g = {gate}.Word;");
        writer.Line($"if (__g == {CatalogEmitter.Runtime}.TelemetryGate.Unregistered) __g = {gate}.Open();");
        var extra = context.InstrumentFlags(spec, locals: false).ToList();
        if (context.IsSpanEvent(spec))
        {
            extra.Add($"{context.Instruments}.Source.HasListeners()");
        }

        writer.Line($"return __g >= 0 && (__g != {CatalogEmitter.Runtime}.TelemetryGate.Idle{string.Concat(extra.Select(e => " | " + e))});");
        writer.Close();
        writer.Close();
        writer.Line();

        writer.Line($"/// <summary>Emits <c>{spec.Name}</c>: {SourceWriter.Xml(spec.Description)}</summary>");
        writer.Line("/// <remarks>Inlined into the caller: when nothing listens, what remains is a read of the event's gate and of its instruments' flags.</remarks>");
        foreach (var field in parameters)
        {
            writer.Line($"/// <param name=\"{field.ParameterName.TrimStart('@')}\">{SourceWriter.Xml(EmitContext.Describe(field))}</param>");
        }

        writer.LineIfAny(obsolete);
        writer.Line(CatalogEmitter.EmitterAttribute(payload));
        writer.Line(CatalogEmitter.AggressiveInlining);
        writer.Open($"public static void {spec.TypeName}({string.Join(", ", parameters.Select(context.Parameter))})");
        var arguments = string.Join(", ", new[] { "__g" }.Concat(parameters.Select(p => p.ParameterName)));
        var core = $"{DeliveryEmitter.ClassRef(context)}.{DeliveryEmitter.EmitName(spec)}({arguments});";
        writer.Line($"var __g = {gate}.Word;");
        var flags = context.InstrumentFlags(spec, locals: false).ToList();
        var sampled = $"((__g & {CatalogEmitter.Runtime}.TelemetryGate.Sampled) == 0 || {gate}.Sample())";

        // One condition and one call site, so the inlined check stays small. Idle: no handler and no sampling, so only a
        // listened instrument makes the emit worth its payload; blocked (negative): nothing at all.
        var listened = flags.Count > 0 ? string.Join(" | ", flags) : "false";
        writer.Open($"if (__g == {CatalogEmitter.Runtime}.TelemetryGate.Idle ? {listened} : __g >= 0 && {sampled})");
        writer.Line(core);
        writer.Close();
        writer.Close();
    }
}
