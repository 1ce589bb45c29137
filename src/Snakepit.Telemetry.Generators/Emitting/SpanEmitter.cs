using System.Collections.Generic;
using System.Linq;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// Writes span helpers: <c>StartXxx(...)</c> emits <c>X.start</c> and returns an <c>XxxSpan</c> whose
/// <c>Stop(...)</c> and <c>Exception(...)</c> emit the end event with the duration measured on a monotonic clock.
/// Metadata given at start and declared alike on the end event is carried over, so it is not passed twice.
/// </summary>
internal static class SpanEmitter
{
    private const string Duration = "duration";
    private const string SystemTime = "system_time";

    public static string Emit(EmitContext context)
    {
        var writer = CatalogEmitter.Begin(context.Catalog);
        var first = true;
        foreach (var span in context.Catalog.Spans)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            EmitSpanType(writer, context, span);
        }

        return CatalogEmitter.End(writer);
    }

    /// <summary>Start metadata that the stop or exception event declares with the same name and type.</summary>
    public static IReadOnlyList<FieldSpec> Carried(EmitContext context, SpanSpec span)
    {
        var start = context.Event(span.StartEvent)!;
        var ends = new[] { context.Event(span.StopEvent), context.Event(span.ExceptionEvent) }.Where(e => e is not null).ToList();
        return start.Metadata
            .Where(f => ends.Any(end => end!.Metadata.Any(g => SameShape(f, g))))
            .ToList();
    }

    /// <summary>
    /// The span's private field carrying start metadata: two underscores like its own fields (__startedAt, __ended), so
    /// no catalog field name (which starts with a letter) can collide with them.
    /// </summary>
    private static string FieldName(FieldSpec field) => "__" + field.ParameterName.TrimStart('@');

    private static bool SameShape(FieldSpec a, FieldSpec b) =>
        a.Name == b.Name && a.Type == b.Type && a.EnumTypeName == b.EnumTypeName && a.Optional == b.Optional;

    private static bool IsMeasuredDuration(FieldSpec field) =>
        field.Kind == FieldKind.Measurement && field.Name == Duration && field.Type == FieldType.Duration && !field.Optional;

    private static bool IsStartTime(FieldSpec field) =>
        field.Kind == FieldKind.Measurement && field.Name == SystemTime && field.Type == FieldType.Timestamp && !field.Optional;

    public static void EmitStart(SourceWriter writer, EmitContext context, SpanSpec span)
    {
        var runtime = CatalogEmitter.Runtime;
        var start = context.Event(span.StartEvent)!;
        var payload = context.Qualify(start.TypeName);
        var spanType = context.Qualify(span.TypeName);
        var dispatch = $"{runtime}.TelemetryDispatch<{payload}>";
        var parameters = EmitContext.Parameters(start).Where(f => !IsStartTime(f)).ToList();
        var carried = Carried(context, span);
        var methodName = span.StartMethodName;

        writer.Line($"/// <summary>Starts the span <c>{span.Name}</c>: emits <c>{start.Name}</c> and returns the span that ends it.</summary>");
        writer.Line($"/// <remarks>{SourceWriter.Xml(start.Description)}{(start.Measurements.Any(IsStartTime) ? " <c>system_time</c> is set to the current time." : "")}</remarks>");
        foreach (var field in parameters)
        {
            writer.Line($"/// <param name=\"{field.ParameterName.TrimStart('@')}\">{SourceWriter.Xml(EmitContext.Describe(field))}</param>");
        }

        writer.Line($"/// <returns>The running span; call <c>Stop</c> or <c>Exception</c> on it exactly once.</returns>");
        writer.LineIfAny(EmitContext.Obsolete(start.Deprecated));
        writer.Line(CatalogEmitter.EmitterAttribute(payload));
        writer.Open($"public static {spanType} {methodName}({string.Join(", ", parameters.Select(context.Parameter))})");
        writer.Line($"var __startTimestamp = {runtime}.TelemetryClock.GetTimestamp();");
        writer.Open($"if ({dispatch}.IsEnabled)");
        var args = EmitContext.Parameters(start).Select(f => IsStartTime(f) ? "global::System.DateTimeOffset.UtcNow" : f.ParameterName);
        writer.Line($"var __e = new {payload}({string.Join(", ", args)});");
        writer.Line($"{dispatch}.Emit(in __e);");
        writer.Close();
        writer.Line();
        writer.Line($"return new {spanType}({string.Join(", ", new[] { "__startTimestamp" }.Concat(carried.Select(f => f.ParameterName)))});");
        writer.Close();
    }

    private static void EmitSpanType(SourceWriter writer, EmitContext context, SpanSpec span)
    {
        var runtime = CatalogEmitter.Runtime;
        var start = context.Event(span.StartEvent)!;
        var carried = Carried(context, span);

        writer.Line($"/// <summary>A running <c>{span.Name}</c> span, started by <see cref=\"{context.ClassRef}.{span.StartMethodName}\"/>.</summary>");
        writer.Line("/// <remarks>");
        writer.Line("/// Measures its duration with a monotonic clock. End it once with <c>Stop</c> or <c>Exception</c>: a second end");
        writer.Line("/// through the same variable does nothing, and so does ending a span that was never started (<c>default</c>).");
        writer.Line("/// A copy of a running span is a span of its own: end the one you keep.");
        writer.Line("/// </remarks>");
        writer.LineIfAny(EmitContext.Obsolete(start.Deprecated));
        writer.Line(CatalogEmitter.GeneratedCode);
        writer.Open($"public struct {span.TypeName}");
        writer.Line("private readonly long __startedAt;");
        writer.Line("private bool __ended;");
        foreach (var field in carried)
        {
            writer.Line($"private readonly {context.TypeOf(field)} {FieldName(field)};");
        }

        writer.Line();
        writer.Open($"internal {span.TypeName}({string.Join(", ", new[] { "long __startTimestamp" }.Concat(carried.Select(f => context.TypeOf(f) + " " + f.ParameterName)))})");
        writer.Line("__startedAt = __startTimestamp;");
        writer.Line("__ended = false;");
        foreach (var field in carried)
        {
            writer.Line($"{FieldName(field)} = {field.ParameterName};");
        }

        writer.Close();
        writer.Line();
        writer.Line("/// <summary>The time since the span started.</summary>");
        writer.Line($"public readonly global::System.TimeSpan Elapsed => {runtime}.TelemetryClock.GetElapsedTime(__startedAt);");
        writer.Line();
        writer.Line("/// <summary>Whether the span was started and has not ended yet.</summary>");
        writer.Line("public readonly bool IsRunning => __startedAt != 0 && !__ended;");

        EmitEnd(writer, context, context.Event(span.StopEvent), "Stop", carried);
        EmitEnd(writer, context, context.Event(span.ExceptionEvent), "Exception", carried);
        writer.Close();
    }

    private static void EmitEnd(SourceWriter writer, EmitContext context, EventSpec? end, string methodName, IReadOnlyList<FieldSpec> carried)
    {
        if (end is null)
        {
            return;
        }

        var runtime = CatalogEmitter.Runtime;
        var payload = context.Qualify(end.TypeName);
        var dispatch = $"{runtime}.TelemetryDispatch<{payload}>";
        var all = EmitContext.Parameters(end);
        bool IsCarried(FieldSpec f) => f.Kind == FieldKind.Metadata && carried.Any(c => SameShape(c, f));
        var parameters = all.Where(f => !IsMeasuredDuration(f) && !IsCarried(f)).ToList();

        writer.Line();
        writer.Line($"/// <summary>Ends the span with <c>{end.Name}</c>: {SourceWriter.Xml(end.Description)}</summary>");
        if (all.Any(IsMeasuredDuration))
        {
            writer.Line("/// <remarks><c>duration</c> is the time since the span started.</remarks>");
        }

        foreach (var field in parameters)
        {
            writer.Line($"/// <param name=\"{field.ParameterName.TrimStart('@')}\">{SourceWriter.Xml(EmitContext.Describe(field))}</param>");
        }

        writer.LineIfAny(EmitContext.Obsolete(end.Deprecated));
        writer.Line(CatalogEmitter.EmitterAttribute(payload));
        writer.Open($"public void {methodName}({string.Join(", ", parameters.Select(context.Parameter))})");
        writer.Open("if (!IsRunning)");
        writer.Line("return;");
        writer.Close();
        writer.Line();
        writer.Line("__ended = true;");
        writer.Open($"if ({dispatch}.IsEnabled)");
        var args = all.Select(f => IsMeasuredDuration(f) ? "this.Elapsed" : IsCarried(f) ? FieldName(f) : f.ParameterName);
        writer.Line($"var __e = new {payload}({string.Join(", ", args)});");
        writer.Line($"{dispatch}.Emit(in __e);");
        writer.Close();
        writer.Close();
    }
}
