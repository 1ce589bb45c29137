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

    /// <summary>
    /// Start metadata that the stop or exception event declares with the same name and type: for enums, the same enum,
    /// or inline enums written alike on both (two C# types with the same members in the same order: the value carries
    /// over by its number).
    /// </summary>
    public static IReadOnlyList<FieldSpec> Carried(EmitContext context, SpanSpec span)
    {
        var start = context.Event(span.StartEvent)!;
        var ends = new[] { context.Event(span.StopEvent), context.Event(span.ExceptionEvent) }.Where(e => e is not null).ToList();
        return start.Metadata
            .Where(f => ends.Any(end => end!.Metadata.Any(g => SameShape(context, f, g))))
            .ToList();
    }

    /// <summary>
    /// The span's private field carrying start metadata: two underscores like its own fields (__startedAt, __flags), so
    /// no catalog field name (which starts with a letter) can collide with them.
    /// </summary>
    private static string FieldName(FieldSpec field) => "__" + field.ParameterName.TrimStart('@');

    private static bool SameShape(EmitContext context, FieldSpec a, FieldSpec b) =>
        a.Name == b.Name && a.Type == b.Type && a.Optional == b.Optional &&
        (a.EnumTypeName == b.EnumTypeName || SameMembers(context, a.EnumTypeName, b.EnumTypeName));

    /// <summary>Whether two enums of the catalog have the same members (spellings) in the same order.</summary>
    private static bool SameMembers(EmitContext context, string? first, string? second)
    {
        if (first is null || second is null)
        {
            return false;
        }

        var a = context.Catalog.Enums.FirstOrDefault(e => e.TypeName == first);
        var b = context.Catalog.Enums.FirstOrDefault(e => e.TypeName == second);
        return a is not null && b is not null && a.Members.Equals(b.Members);
    }

    /// <summary>The carried start value as the end event's field: converted by number when the end's enum is its twin.</summary>
    private static string CarriedValue(FieldSpec carried, FieldSpec end, EmitContext context)
    {
        var value = FieldName(carried) + (IsRequiredString(carried) ? "!" : "");
        if (carried.EnumTypeName is null || carried.EnumTypeName == end.EnumTypeName)
        {
            return value;
        }

        var target = context.TypeOf(end);
        return carried.Optional
            ? $"({value} is {{ }} __v_{carried.ParameterName.TrimStart('@')} ? ({target})(int)__v_{carried.ParameterName.TrimStart('@')} : null)"
            : $"({target})(int){value}";
    }

    private static bool IsMeasuredDuration(FieldSpec field) =>
        field.Kind == FieldKind.Measurement && field.Name == Duration && field.Type == FieldType.Duration && !field.Optional;

    private static bool IsStartTime(FieldSpec field) =>
        field.Kind == FieldKind.Measurement && field.Name == SystemTime && field.Type == FieldType.Timestamp && !field.Optional;

    /// <summary>Span states, in the span's <c>__flags</c>.</summary>
    private const int Started = 1;
    private const int Observed = 2;
    private const int SampledIn = 4;
    private const int Ended = 8;

    /// <summary>
    /// <c>StartXxx(...)</c>: when nothing observes the span (its three events quiet, none of
    /// their instruments listened, no listener of the catalog's ActivitySource) it returns an unobserved span at once,
    /// reading no clock; otherwise the out-of-line start does the work.
    /// </summary>
    public static void EmitStart(SourceWriter writer, EmitContext context, SpanSpec span)
    {
        var runtime = CatalogEmitter.Runtime;
        var start = context.Event(span.StartEvent)!;
        var payload = context.Qualify(start.TypeName);
        var spanType = context.Qualify(span.TypeName);
        var parameters = StartParameters(start);
        var methodName = span.StartMethodName;
        var events = SpanEvents(context, span);

        writer.Line($"/// <summary>Starts the span <c>{span.Name}</c>: emits <c>{start.Name}</c> and returns the span that ends it.</summary>");
        writer.Line($"/// <remarks>{SourceWriter.Xml(start.Description)}{(start.Measurements.Any(IsStartTime) ? " <c>system_time</c> is set to the current time." : "")} When nothing observes the span as it starts (no handler or listened instrument of its events, no listener of the catalog's ActivitySource), it reads no clock and its end emits nothing, even if a handler is attached meanwhile.</remarks>");
        foreach (var field in parameters)
        {
            writer.Line($"/// <param name=\"{field.ParameterName.TrimStart('@')}\">{SourceWriter.Xml(EmitContext.Describe(field))}</param>");
        }

        writer.Line($"/// <returns>The running span; end it once with <c>Stop</c> or <c>Exception</c> (a <c>using</c> declaration disposes it after). While a listener of <see cref=\"{context.ClassRef}.ActivitySourceName\"/> listens, it carries an <see cref=\"global::System.Diagnostics.Activity\"/> named <c>{span.Name}</c>, a child of the current one.</returns>");
        writer.LineIfAny(EmitContext.Obsolete(start.Deprecated));
        writer.Line(CatalogEmitter.EmitterAttribute(payload));

        // Not inlined: the span is returned into the caller's variable directly. Inlined, the JIT builds it in a
        // temporary and copies it, and a copy of a struct this size, read back at once, stalls the store buffer
        // (measured: 11 ns for an unobserved start and stop inlined, 4 ns called).
        writer.Line(CatalogEmitter.NoInlining);
        writer.Open($"public static {spanType} {methodName}({string.Join(", ", parameters.Select(context.Parameter))})");
        // Every gate idle (both the AND and the OR of the words are Idle only then; a blocked or unregistered word takes
        // the observed path, which registers and checks properly), no instrument and no activity listener.
        var words = events.Select(e => $"{context.Gate(e)}.Word").ToList();
        for (var i = 0; i < words.Count; i++)
        {
            writer.Line($"var __w{i} = {words[i]};");
        }

        var locals = Enumerable.Range(0, words.Count).Select(i => "__w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var idle = locals.Count == 1
            ? $"{locals[0]} == {runtime}.TelemetryGate.Idle"
            : $"({string.Join(" & ", locals)}) == {runtime}.TelemetryGate.Idle && ({string.Join(" | ", locals)}) == {runtime}.TelemetryGate.Idle";
        var listened = events.SelectMany(e => context.InstrumentFlags(e, locals: false)).Append($"{context.Instruments}.Source.HasListeners()");
        writer.Open($"if ({idle} && !({string.Join(" | ", listened)}))");
        writer.Line($"return new {spanType}(false);");
        writer.Close();
        writer.Line();
        writer.Line($"return {DeliveryEmitter.ClassRef(context)}.{methodName}({string.Join(", ", parameters.Select(p => p.ParameterName))});");
        writer.Close();
    }

    /// <summary>The out-of-line start of an observed span: the clock, the sampling decision, the activity, the start event.</summary>
    public static void EmitSlowStart(SourceWriter writer, EmitContext context, SpanSpec span)
    {
        var runtime = CatalogEmitter.Runtime;
        var start = context.Event(span.StartEvent)!;
        var payload = context.Qualify(start.TypeName);
        var spanType = context.Qualify(span.TypeName);
        var parameters = StartParameters(start);
        var carried = Carried(context, span);
        var gate = context.Gate(start);

        writer.Line($"/// <summary>The start of an observed <c>{span.Name}</c> span.</summary>");
        writer.Line(CatalogEmitter.NoInlining);
        writer.Open($"internal static {spanType} {span.StartMethodName}({string.Join(", ", parameters.Select(p => context.TypeOf(p) + " " + p.ParameterName))})");
        writer.Line($"var __startTimestamp = {runtime}.TelemetryClock.GetTimestamp();");
        writer.Line($"var __g = {gate}.Word;");
        writer.Line($"if (__g == {runtime}.TelemetryGate.Unregistered) __g = {gate}.Open();");
        writer.Line($"var __sampled = __g < 0 || (__g & {runtime}.TelemetryGate.Sampled) == 0 || {gate}.Sample();");
        foreach (var end in SpanEvents(context, span).Skip(1))
        {
            // The end events registered too, so that the next start finds every gate quiet when nothing listens.
            writer.Line($"if ({context.Gate(end)}.Word == {runtime}.TelemetryGate.Unregistered) {context.Gate(end)}.Open();");
        }

        writer.Line("global::System.Diagnostics.Activity? __activity = null;");
        writer.Open($"if ({context.Instruments}.Source.HasListeners())");
        writer.Line($"__activity = {runtime}.TelemetryListeners.StartActivity({context.Instruments}.Source, {SourceWriter.Literal(span.Name)});");
        writer.Open("if (__activity is { IsAllDataRequested: true })");
        var index = 0;
        foreach (var field in start.Metadata)
        {
            InstrumentsEmitter.EmitTag(writer, context, field, "__activity.SetTag", field.ParameterName, index++);
        }

        writer.Close();
        writer.Close();
        writer.Line();
        writer.Open("if (__sampled && __g >= 0)");
        context.EmitInstrumentFlags(writer, start);
        writer.Open($"if ({context.IsWanted(start)})");
        var args = EmitContext.Parameters(start).Select(f => IsStartTime(f) ? "global::System.DateTimeOffset.UtcNow" : f.ParameterName);
        writer.Line($"var __e = new {payload}({string.Join(", ", args)});");
        writer.Line($"{DeliveryEmitter.DeliverName(start)}(__g, in __e);");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Line($"return new {spanType}({string.Join(", ", new[] { "__startTimestamp", "__sampled", "__activity" }.Concat(carried.Select(f => f.ParameterName)))});");
        writer.Close();
    }

    private static bool IsRequiredString(FieldSpec field) => field.Type == FieldType.String && !field.Optional;

    /// <summary>How the span stores a carried field: a required string as nullable (a span not observed holds none).</summary>
    private static string StoredType(EmitContext context, FieldSpec field) => context.TypeOf(field) + (IsRequiredString(field) ? "?" : "");

    private static IReadOnlyList<FieldSpec> StartParameters(EventSpec start) => EmitContext.Parameters(start).Where(f => !IsStartTime(f)).ToList();

    /// <summary>The span's events: start, then stop and exception where the catalog declares them.</summary>
    private static IReadOnlyList<EventSpec> SpanEvents(EmitContext context, SpanSpec span) =>
        new[] { context.Event(span.StartEvent), context.Event(span.StopEvent), context.Event(span.ExceptionEvent) }.Where(e => e is not null).ToList()!;

    private static void EmitSpanType(SourceWriter writer, EmitContext context, SpanSpec span)
    {
        var runtime = CatalogEmitter.Runtime;
        var start = context.Event(span.StartEvent)!;
        var carried = Carried(context, span);

        writer.Line($"/// <summary>A running <c>{span.Name}</c> span, started by <see cref=\"{context.ClassRef}.{span.StartMethodName}\"/>.</summary>");
        writer.Line("/// <remarks>");
        writer.Line("/// <para>Measures its duration with a monotonic clock. End it once with <c>Stop</c> or <c>Exception</c>: a second end");
        writer.Line("/// through the same variable does nothing, and so does ending a span that was never started (<c>default</c>).");
        writer.Line("/// A copy of a running span is a span of its own: end the one you keep (copies share the span's activity, which the");
        writer.Line("/// first end stops).</para>");
        writer.Line("/// <para>Disposable, for <c>using var span = ...</c>: <c>Dispose</c> after <c>Stop</c> or <c>Exception</c> does nothing. A span");
        writer.Line("/// disposed while still running (an exception left the block before it was ended, say) is abandoned: its end event is not");
        writer.Line("/// emitted, since its fields are not known; its activity, if any, is stopped with status Error, and the runtime counts it");
        writer.Line("/// (<c>snakepit.telemetry.spans.abandoned</c>) and writes it to the <c>Snakepit-Telemetry</c> EventSource.</para>");
        writer.Line("/// <para>A span that nothing observed when it started (<see cref=\"IsObserved\"/> false) read no clock: its end emits nothing");
        writer.Line("/// and <see cref=\"Elapsed\"/> is zero.</para>");
        writer.Line("/// </remarks>");
        writer.LineIfAny(EmitContext.Obsolete(start.Deprecated));
        writer.Line(CatalogEmitter.GeneratedCode);
        writer.Open($"public struct {span.TypeName} : global::System.IDisposable");
        writer.Line("private readonly long __startedAt;");
        writer.Line("private int __flags;");
        writer.Line("private readonly global::System.Diagnostics.Activity? __activity;");
        foreach (var field in carried)
        {
            // Null in a span never started or started unobserved (its end reads it only when observed).
            writer.Line($"private readonly {StoredType(context, field)} {FieldName(field)};");
        }

        writer.Line();
        writer.Line("/// <summary>A span nothing observed when it started: no clock read, nothing to emit when it ends.</summary>");
        writer.Open($"internal {span.TypeName}(bool __observed)");
        writer.Line("this = default;");
        writer.Line($"__flags = {Started};");
        writer.Close();
        writer.Line();
        writer.Open($"internal {span.TypeName}({string.Join(", ", new[] { "long __startTimestamp", "bool __sampled", "global::System.Diagnostics.Activity? __activity" }.Concat(carried.Select(f => context.TypeOf(f) + " " + f.ParameterName)))})");
        writer.Line("__startedAt = __startTimestamp;");
        writer.Line($"__flags = {Started | Observed} | (__sampled ? {SampledIn} : 0);");
        writer.Line("this.__activity = __activity;");
        foreach (var field in carried)
        {
            writer.Line($"{FieldName(field)} = {field.ParameterName};");
        }

        writer.Close();
        writer.Line();
        writer.Line("/// <summary>The time since the span started; zero for a span nothing observed when it started.</summary>");
        writer.Line($"public readonly global::System.TimeSpan Elapsed => (__flags & {Observed}) != 0 ? {runtime}.TelemetryClock.GetElapsedTime(__startedAt) : global::System.TimeSpan.Zero;");
        writer.Line();
        writer.Line("/// <summary>Whether the span was started and has not ended yet.</summary>");
        writer.Line($"public readonly bool IsRunning => __flags != 0 && (__flags & {Ended}) == 0;");
        writer.Line();
        writer.Line("/// <summary>Whether anything observed the span when it started (a handler or listened instrument of its events, or an activity listener): only then does its end emit.</summary>");
        writer.Line($"public readonly bool IsObserved => (__flags & {Observed}) != 0;");
        writer.Line();
        writer.Line("/// <summary>The span's activity, or null when no listener of the catalog's ActivitySource wanted it.</summary>");
        writer.Line("public readonly global::System.Diagnostics.Activity? Activity => __activity;");

        EmitEnd(writer, context, context.Event(span.StopEvent), "Stop", carried);
        EmitEnd(writer, context, context.Event(span.ExceptionEvent), "Exception", carried);

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Ends a span still running without an end event (see the remarks of this type): after <c>Stop</c> or <c>Exception</c>,");
        writer.Line("/// or on a span never started, it does nothing.");
        writer.Line("/// </summary>");
        writer.Open("public void Dispose()");
        writer.Open("if (!IsRunning)");
        writer.Line("return;");
        writer.Close();
        writer.Line();
        writer.Line($"__flags |= {Ended};");
        writer.Line($"{runtime}.TelemetryListeners.SpanAbandoned({SourceWriter.Literal(span.Name)}, __activity);");
        writer.Close();
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
        var all = EmitContext.Parameters(end);
        bool IsCarried(FieldSpec f) => f.Kind == FieldKind.Metadata && carried.Any(c => SameShape(context, c, f));
        FieldSpec CarriedOf(FieldSpec f) => carried.First(c => SameShape(context, c, f));
        var parameters = all.Where(f => !IsMeasuredDuration(f) && !IsCarried(f)).ToList();
        var isException = methodName == "Exception";
        var status = isException ? "ends the activity with status Error" : "ends the activity (its status left Unset)";
        var gate = context.Gate(end);

        writer.Line();
        writer.Line($"/// <summary>Ends the span with <c>{end.Name}</c>: {SourceWriter.Xml(end.Description)}</summary>");
        writer.Line($"/// <remarks>{(all.Any(IsMeasuredDuration) ? "<c>duration</c> is the time since the span started. " : "")}Tags the span's activity, if any, with the event's metadata and {status}.</remarks>");
        foreach (var field in parameters)
        {
            writer.Line($"/// <param name=\"{field.ParameterName.TrimStart('@')}\">{SourceWriter.Xml(EmitContext.Describe(field))}</param>");
        }

        writer.LineIfAny(EmitContext.Obsolete(end.Deprecated));
        writer.Line(CatalogEmitter.EmitterAttribute(payload));
        writer.Line(CatalogEmitter.AggressiveInlining);
        var arguments = string.Join(", ", parameters.Select(p => p.ParameterName));
        writer.Open($"public void {methodName}({string.Join(", ", parameters.Select(context.Parameter))})");
        writer.Line("var __was = __flags;");
        writer.Line($"__flags = __was | {Ended};");
        writer.Open($"if ((__was & ({Observed} | {Ended})) != {Observed})");
        writer.Line("return;");
        writer.Close();
        writer.Line();
        writer.Line($"__{methodName}Observed({arguments});");
        writer.Close();
        writer.Line();
        writer.Line($"/// <summary>The end of an observed span with <c>{end.Name}</c>: the event, then the activity.</summary>");
        writer.Line(CatalogEmitter.NoInlining);
        writer.Open($"private readonly void __{methodName}Observed({string.Join(", ", parameters.Select(p => context.TypeOf(p) + " " + p.ParameterName))})");
        writer.Line($"var __g = {gate}.Word;");
        writer.Line($"if (__g == {runtime}.TelemetryGate.Unregistered) __g = {gate}.Open();");
        writer.Open($"if ((__flags & {SampledIn}) != 0 && __g >= 0)");
        context.EmitInstrumentFlags(writer, end);
        writer.Open($"if ({context.IsWanted(end)})");
        var args = all.Select(f => IsMeasuredDuration(f) ? "this.Elapsed" : IsCarried(f) ? CarriedValue(CarriedOf(f), f, context) : f.ParameterName);
        writer.Line($"var __e = new {payload}({string.Join(", ", args)});");
        DeliveryEmitter.EmitDeliveryBody(writer, context, end, flagsRead: true);
        writer.Close();
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

        writer.Line($"{runtime}.TelemetryListeners.StopActivity(__activity);");
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
        writer.Line($"{CatalogEmitter.Runtime}.TelemetryListeners.RecordException(__activity, {name});");
        writer.Close();
        writer.Line();
        writer.Line($"Exception({string.Join(", ", parameters.Select(p => p.ParameterName))});");
        writer.Close();
    }
}
