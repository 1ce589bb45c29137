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
        var parameters = EmitContext.Parameters(start).Where(f => !IsStartTime(f)).ToList();
        var carried = Carried(context, span);
        var methodName = span.StartMethodName;

        writer.Line($"/// <summary>Starts the span <c>{span.Name}</c>: emits <c>{start.Name}</c> and returns the span that ends it.</summary>");
        writer.Line($"/// <remarks>{SourceWriter.Xml(start.Description)}{(start.Measurements.Any(IsStartTime) ? " <c>system_time</c> is set to the current time." : "")}</remarks>");
        foreach (var field in parameters)
        {
            writer.Line($"/// <param name=\"{field.ParameterName.TrimStart('@')}\">{SourceWriter.Xml(EmitContext.Describe(field))}</param>");
        }

        writer.Line($"/// <returns>The running span; call <c>Stop</c> or <c>Exception</c> on it exactly once. While a listener of <see cref=\"{context.ClassRef}.ActivitySourceName\"/> listens, it carries an <see cref=\"global::System.Diagnostics.Activity\"/> named <c>{span.Name}</c>, a child of the current one.</returns>");
        writer.LineIfAny(EmitContext.Obsolete(start.Deprecated));
        writer.Line(CatalogEmitter.EmitterAttribute(payload));
        writer.Open($"public static {spanType} {methodName}({string.Join(", ", parameters.Select(context.Parameter))})");
        writer.Line($"var __startTimestamp = {runtime}.TelemetryClock.GetTimestamp();");
        writer.Line($"var __sampled = {context.Dispatch(start)}.Sample();");
        writer.Line($"global::System.Diagnostics.Activity? __activity = null;");
        writer.Open($"if ({context.Instruments}.Source.HasListeners())");
        writer.Line($"__activity = {context.Instruments}.Source.StartActivity({SourceWriter.Literal(span.Name)}, global::System.Diagnostics.ActivityKind.Internal);");
        writer.Open("if (__activity is { IsAllDataRequested: true })");
        var index = 0;
        foreach (var field in start.Metadata)
        {
            InstrumentsEmitter.EmitTag(writer, context, field, "__activity.SetTag", field.ParameterName, index++);
        }

        writer.Close();
        writer.Close();
        writer.Line();
        context.EmitInstrumentFlags(writer, start);
        writer.Open($"if (__sampled && ({context.IsObservedExpression(start)}))");
        var args = EmitContext.Parameters(start).Select(f => IsStartTime(f) ? "global::System.DateTimeOffset.UtcNow" : f.ParameterName);
        writer.Line($"var __e = new {payload}({string.Join(", ", args)});");
        EventsClassEmitter.EmitDelivery(writer, context, start);
        writer.Close();
        writer.Line();
        writer.Line($"return new {spanType}({string.Join(", ", new[] { "__startTimestamp", "__sampled", "__activity" }.Concat(carried.Select(f => f.ParameterName)))});");
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
        writer.Line("/// A copy of a running span is a span of its own: end the one you keep (copies share the span's activity, which the");
        writer.Line("/// first end stops).");
        writer.Line("/// </remarks>");
        writer.LineIfAny(EmitContext.Obsolete(start.Deprecated));
        writer.Line(CatalogEmitter.GeneratedCode);
        writer.Open($"public struct {span.TypeName}");
        writer.Line("private readonly long __startedAt;");
        writer.Line("private readonly bool __sampled;");
        writer.Line("private readonly global::System.Diagnostics.Activity? __activity;");
        writer.Line("private bool __ended;");
        foreach (var field in carried)
        {
            writer.Line($"private readonly {context.TypeOf(field)} {FieldName(field)};");
        }

        writer.Line();
        writer.Open($"internal {span.TypeName}({string.Join(", ", new[] { "long __startTimestamp", "bool __sampled", "global::System.Diagnostics.Activity? __activity" }.Concat(carried.Select(f => context.TypeOf(f) + " " + f.ParameterName)))})");
        writer.Line("__startedAt = __startTimestamp;");
        writer.Line("this.__sampled = __sampled;");
        writer.Line("this.__activity = __activity;");
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
        writer.Line();
        writer.Line("/// <summary>The span's activity, or null when no listener of the catalog's ActivitySource wanted it.</summary>");
        writer.Line("public readonly global::System.Diagnostics.Activity? Activity => __activity;");

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

        var payload = context.Qualify(end.TypeName);
        var all = EmitContext.Parameters(end);
        bool IsCarried(FieldSpec f) => f.Kind == FieldKind.Metadata && carried.Any(c => SameShape(c, f));
        var parameters = all.Where(f => !IsMeasuredDuration(f) && !IsCarried(f)).ToList();
        var isException = methodName == "Exception";
        var status = isException ? "ends the activity with status Error" : "ends the activity (its status left Unset)";

        writer.Line();
        writer.Line($"/// <summary>Ends the span with <c>{end.Name}</c>: {SourceWriter.Xml(end.Description)}</summary>");
        writer.Line($"/// <remarks>{(all.Any(IsMeasuredDuration) ? "<c>duration</c> is the time since the span started. " : "")}Tags the span's activity, if any, with the event's metadata and {status}.</remarks>");
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
        context.EmitInstrumentFlags(writer, end);
        writer.Open($"if (__sampled && ({context.IsObservedExpression(end)}))");
        var args = all.Select(f => IsMeasuredDuration(f) ? "this.Elapsed" : IsCarried(f) ? FieldName(f) : f.ParameterName);
        writer.Line($"var __e = new {payload}({string.Join(", ", args)});");
        EventsClassEmitter.EmitDelivery(writer, context, end);
        writer.Close();
        writer.Line();
        writer.Open("if (__activity != null)");
        var ownMetadata = parameters.Where(f => f.Kind == FieldKind.Metadata).ToList();
        if (ownMetadata.Count > 0)
        {
            writer.Open("if (__activity.IsAllDataRequested)");
            var index = 0;
            foreach (var field in ownMetadata)
            {
                InstrumentsEmitter.EmitTag(writer, context, field, "__activity.SetTag", field.ParameterName, index++);
            }

            writer.Close();
            writer.Line();
        }

        if (isException)
        {
            writer.Line("if (__activity.Status != global::System.Diagnostics.ActivityStatusCode.Error) __activity.SetStatus(global::System.Diagnostics.ActivityStatusCode.Error);");
        }

        writer.Line("__activity.Stop();");
        writer.Close();
        writer.Close();

        if (isException)
        {
            EmitExceptionOverload(writer, context, end, parameters);
        }
    }

    /// <summary>
    /// <c>Exception(System.Exception exception, ...)</c>: records the exception on the activity as OpenTelemetry's
    /// <c>exception</c> event (type, message, stack trace) with its message as the Error status, then ends the span.
    /// </summary>
    private static void EmitExceptionOverload(SourceWriter writer, EmitContext context, EventSpec end, IReadOnlyList<FieldSpec> parameters)
    {
        var name = parameters.Any(p => p.ParameterName == "exception") ? "caughtException" : "exception";
        writer.Line();
        writer.Line($"/// <summary>Ends the span with <c>{end.Name}</c> caused by <paramref name=\"{name}\"/>: {SourceWriter.Xml(end.Description)}</summary>");
        writer.Line("/// <remarks>The span's activity, if any, gets OpenTelemetry's <c>exception</c> event (<c>exception.type</c>, <c>exception.message</c>, <c>exception.stacktrace</c>) and status Error with the exception's message.</remarks>");
        writer.Line($"/// <param name=\"{name}\">The exception that ended the span.</param>");
        foreach (var field in parameters)
        {
            writer.Line($"/// <param name=\"{field.ParameterName.TrimStart('@')}\">{SourceWriter.Xml(EmitContext.Describe(field))}</param>");
        }

        writer.Line($"/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"{name}\"/> is null.</exception>");
        writer.LineIfAny(EmitContext.Obsolete(end.Deprecated));
        writer.Line(CatalogEmitter.EmitterAttribute(context.Qualify(end.TypeName)));
        writer.Open($"public void Exception({string.Join(", ", new[] { "global::System.Exception " + name }.Concat(parameters.Select(context.Parameter)))})");
        writer.Open($"if ({name} is null)");
        writer.Line($"throw new global::System.ArgumentNullException({SourceWriter.Literal(name.TrimStart('@'))});");
        writer.Close();
        writer.Line();
        writer.Open("if (IsRunning && __activity != null)");
        writer.Line($"__activity.AddException({name});");
        writer.Line($"__activity.SetStatus(global::System.Diagnostics.ActivityStatusCode.Error, {name}.Message);");
        writer.Close();
        writer.Line();
        writer.Line($"Exception({string.Join(", ", parameters.Select(p => p.ParameterName))});");
        writer.Close();
    }
}
