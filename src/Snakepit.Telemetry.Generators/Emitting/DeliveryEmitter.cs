using System.Linq;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// Writes <c>&lt;Catalog&gt;Events.__Delivery</c>: the out-of-line halves of the emitters. The public emitter is a small
/// check inlined into its caller (the event's gate, its instruments' flags, the sampling decision); only when something
/// listens does it call <c>EmitXxx</c> here, which builds the payload and delivers it (<c>DeliverXxx</c>, shared with the
/// decoder and the spans): to the listened instruments, then to the default hub's handlers.
/// </summary>
internal static class DeliveryEmitter
{
    /// <summary>The nested class's name: two underscores, which no catalog name produces.</summary>
    public const string ClassName = "__Delivery";

    public static string ClassRef(EmitContext context) => context.ClassRef + "." + ClassName;

    public static string EmitName(EventSpec spec) => "Emit" + spec.TypeName;

    public static string DeliverName(EventSpec spec) => "Deliver" + spec.TypeName;

    public static void Emit(SourceWriter writer, EmitContext context)
    {
        var catalog = context.Catalog;
        writer.Line($"/// <summary>The out-of-line halves of the emitters of catalog '{catalog.CatalogName}': payloads are built and delivered here, only when something listens.</summary>");
        writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        writer.Line(CatalogEmitter.GeneratedCode);
        writer.Open($"internal static class {ClassName}");
        var first = true;
        foreach (var spec in catalog.Events)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            EmitCore(writer, context, spec);
            writer.Line();
            EmitDeliver(writer, context, spec);
        }

        foreach (var span in catalog.Spans)
        {
            writer.Line();
            SpanEmitter.EmitSlowStart(writer, context, span);
        }

        writer.Close();
    }

    private static void EmitCore(SourceWriter writer, EmitContext context, EventSpec spec)
    {
        var runtime = CatalogEmitter.Runtime;
        var payload = context.Qualify(spec.TypeName);
        var parameters = EmitContext.Parameters(spec);
        var gate = context.Gate(spec);
        writer.Line($"/// <summary>The body of <see cref=\"{context.ClassRef}.{spec.TypeName}\"/>: registers the event on its first use, builds the payload, delivers it.</summary>");
        writer.Line(CatalogEmitter.NoInlining);
        writer.Open($"internal static void {EmitName(spec)}({string.Join(", ", new[] { "int __g" }.Concat(parameters.Select(p => context.TypeOf(p) + " " + p.ParameterName)))})");

        // The payload first: the arguments are dead after it, so fewer registers are saved.
        writer.Line($"var __e = new {payload}({string.Join(", ", parameters.Select(p => p.ParameterName))});");
        writer.Open($"if (__g == {runtime}.TelemetryGate.Unregistered)");
        writer.Line($"__g = {gate}.Open();");
        writer.Open($"if (__g < 0 || ((__g & {runtime}.TelemetryGate.Sampled) != 0 && !{gate}.Sample()))");
        writer.Line("return;");
        writer.Close();
        writer.Close();
        writer.Line();
        EmitDeliveryBody(writer, context, spec);
        writer.Close();
    }

    private static void EmitInstrumentRecording(SourceWriter writer, EmitContext context, EventSpec spec, bool flagsRead)
    {
        var count = context.MetricsOf(spec).Count;
        if (count > 0)
        {
            if (!flagsRead)
            {
                context.EmitInstrumentFlags(writer, spec);
            }

            var flags = Enumerable.Range(0, count).Select(EmitContext.InstrumentLocal).ToList();
            writer.Line($"if ({string.Join(" | ", flags)}) {context.Instruments}.Record(in __e, {string.Join(", ", flags)});");
        }
    }

    private static void EmitDeliver(SourceWriter writer, EmitContext context, EventSpec spec)
    {
        var payload = context.Qualify(spec.TypeName);
        writer.Line($"/// <summary>Delivers <c>{spec.Name}</c> to its listened instruments and, when the gate word <paramref name=\"__g\"/> says so, to the default hub's handlers (for the spans' ends and the decoder).</summary>");
        writer.Open($"internal static void {DeliverName(spec)}(int __g, in {payload} __e)");
        EmitDeliveryBody(writer, context, spec);
        writer.Close();
    }

    /// <summary>
    /// The delivery of <c>__e</c>, written into each method that delivers: the listened instruments, then the handlers. A
    /// slot with one inline handler is called in that method's own frame (the runtime's Dispatch would be a frame more;
    /// and a method with a <c>try</c> is never inlined), unless handler timing is on (Timed), which Dispatch does.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="context">The catalog.</param>
    /// <param name="spec">The event.</param>
    /// <param name="flagsRead">Whether the method already read the instruments' flags into their locals.</param>
    internal static void EmitDeliveryBody(SourceWriter writer, EmitContext context, EventSpec spec, bool flagsRead = false)
    {
        var runtime = CatalogEmitter.Runtime;
        var gate = context.Gate(spec);
        EmitInstrumentRecording(writer, context, spec, flagsRead);
        writer.Open($"if ((__g & ({runtime}.TelemetryGate.Handlers | {runtime}.TelemetryGate.Timed)) == {runtime}.TelemetryGate.Handlers && {gate}.Slot is {{ }} __s && __s.Single is {{ }} __h && __s.TryEnterSingle())");
        writer.Open("try");
        writer.Line("__h(in __e);");
        writer.Close();
        writer.Open("catch (global::System.Exception __x)");
        writer.Line("__s.SingleFailed(in __e, __x);");
        writer.Close();
        writer.Open("finally");
        writer.Line("__s.ExitSingle();");
        writer.Close();
        writer.Close();
        writer.Open($"else if ((__g & {runtime}.TelemetryGate.Handlers) != 0)");
        writer.Line($"{gate}.Dispatch(in __e);");
        writer.Close();
    }
}
