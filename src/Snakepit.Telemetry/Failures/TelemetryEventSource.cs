using System;
using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;

namespace Snakepit.Telemetry;

/// <summary>
/// Where handler failures go even when no <c>telemetry.handler.failure</c> handler is attached: the EventSource
/// <c>Snakepit-Telemetry</c> (<c>dotnet-trace collect --providers Snakepit-Telemetry</c>, PerfView, an EventListener) and
/// the counter <c>snakepit.telemetry.handler.failures</c> of the Meter <c>Snakepit.Telemetry</c>
/// (<c>dotnet-counters monitor --counters Snakepit.Telemetry</c>, or OpenTelemetry's <c>AddMeter</c>).
/// </summary>
[EventSource(Name = SourceName)]
public sealed class TelemetryEventSource : EventSource
{
    /// <summary>The EventSource's name, for <c>dotnet-trace</c> and EventListeners.</summary>
    public const string SourceName = "Snakepit-Telemetry";

    /// <summary>The runtime's own Meter, with the failures counter.</summary>
    public const string MeterName = "Snakepit.Telemetry";

    /// <summary>The one instance.</summary>
    public static readonly TelemetryEventSource Log = new();

    private static readonly Meter s_meter = new(MeterName);
    private static readonly Counter<long> s_failures = s_meter.CreateCounter<long>(
        "snakepit.telemetry.handler.failures", "{failure}", "Telemetry handler failures: exceptions that escaped a handler (which detached it) and errors handlers reported.");

    private static readonly Counter<long> s_abandoned = s_meter.CreateCounter<long>(
        "snakepit.telemetry.spans.abandoned", "{span}", "Spans disposed before Stop or Exception ended them.");

    private TelemetryEventSource()
    {
    }

    /// <summary>The event id of <see cref="HandlerFailed(string, string, string, string, bool)"/>.</summary>
    public const int HandlerFailedEventId = 1;

    /// <summary>A handler failed on an event.</summary>
    [Event(HandlerFailedEventId, Level = EventLevel.Warning, Message = "Telemetry handler {0} failed on {1}: {2}: {3} (detached: {4})")]
    public void HandlerFailed(string handlerId, string eventName, string exceptionType, string exceptionMessage, bool detached) =>
        WriteEvent(HandlerFailedEventId, handlerId, eventName, exceptionType, exceptionMessage, detached);

    /// <summary>The event id of <see cref="HandlerSlow"/>.</summary>
    public const int HandlerSlowEventId = 2;

    /// <summary>With handler timing on, a handler call took longer than the threshold (at most once a second per handler).</summary>
    [Event(HandlerSlowEventId, Level = EventLevel.Warning, Message = "Telemetry handler {0} took {2} ms on {1}")]
    public void HandlerSlow(string handlerId, string eventName, double milliseconds) =>
        WriteEvent(HandlerSlowEventId, handlerId, eventName, milliseconds);

    /// <summary>
    /// Counts a failure on the failures counter and writes it to the EventSource when enabled. Never throws: the
    /// exception's members are read through <see cref="ExceptionText"/>, and a MeterListener or EventListener that
    /// throws (user code too) is ignored here.
    /// </summary>
    /// <summary>The event id of <see cref="SpanAbandoned"/>.</summary>
    public const int SpanAbandonedEventId = 3;

    /// <summary>A span was disposed before Stop or Exception ended it: no end event was emitted.</summary>
    [Event(SpanAbandonedEventId, Level = EventLevel.Warning, Message = "Span {0} was disposed before Stop or Exception: no end event was emitted")]
    public void SpanAbandoned(string spanName) => WriteEvent(SpanAbandonedEventId, spanName);

    /// <summary>Counts an abandoned span and writes it when enabled; never throws.</summary>
    [NonEvent]
    internal void SpanAbandonedSafe(string spanName)
    {
        try
        {
            s_abandoned.Add(1, new System.Collections.Generic.KeyValuePair<string, object?>("span", spanName));
        }
        catch (Exception)
        {
            // A listener of the counter threw: the span is still written below.
        }

        try
        {
            if (IsEnabled(EventLevel.Warning, EventKeywords.All))
            {
                SpanAbandoned(spanName);
            }
        }
        catch (Exception)
        {
            // An EventListener threw from OnEventWritten.
        }
    }

    [NonEvent]
    internal void HandlerFailed(string handlerId, string eventName, Exception exception, bool detached)
    {
        try
        {
            s_failures.Add(1, new System.Collections.Generic.KeyValuePair<string, object?>("handler_id", handlerId), new System.Collections.Generic.KeyValuePair<string, object?>("event", eventName));
        }
        catch (Exception)
        {
            // A listener of the failures counter threw: the failure is still written below.
        }

        try
        {
            if (IsEnabled(EventLevel.Warning, EventKeywords.All))
            {
                HandlerFailed(handlerId, eventName, ExceptionText.TypeName(exception), ExceptionText.Message(exception), detached);
            }
        }
        catch (Exception)
        {
            // An EventListener threw from OnEventWritten: nothing is left to report it to.
        }
    }

    /// <summary>Writes a slow handler call when enabled; never throws (see <see cref="HandlerFailed(string, string, Exception, bool)"/>).</summary>
    [NonEvent]
    internal void HandlerSlowSafe(string handlerId, string eventName, double milliseconds)
    {
        try
        {
            if (IsEnabled(EventLevel.Warning, EventKeywords.All))
            {
                HandlerSlow(handlerId, eventName, milliseconds);
            }
        }
        catch (Exception)
        {
            // An EventListener threw from OnEventWritten.
        }
    }
}
