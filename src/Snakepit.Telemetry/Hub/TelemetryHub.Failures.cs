using System;
using System.Threading;
using Snakepit.Telemetry.Dispatch;

namespace Snakepit.Telemetry;

// The hub: failures and slow calls of handlers, and errors they report.
public sealed partial class TelemetryHub
{
    /// <summary>
    /// Reports an exception a handler caught itself (the SNK002 fix writes this call): the built-in
    /// <c>telemetry.handler.failure</c> event is emitted, and, unlike an exception that escapes, the handler stays attached.
    /// </summary>
    /// <param name="handler">The handler object (or its id as a string).</param>
    /// <param name="eventName">The name of the event being handled.</param>
    /// <param name="exception">What was caught.</param>
    public void ReportHandlerError(object handler, string eventName, Exception exception)
    {
        if (handler is null || eventName is null || exception is null)
        {
            throw new ArgumentNullException(handler is null ? nameof(handler) : eventName is null ? nameof(eventName) : nameof(exception));
        }

        var registration = handler is string id ? Array.Find(_table.Registrations, r => r.Id == id) : RegistrationOf(handler, eventName);
        var reportedId = handler as string ?? registration?.Id ?? WiringIdOf(handler) ?? handler.GetType().FullName ?? "?";
        if (registration is not null)
        {
            Interlocked.Increment(ref registration.Failures);
        }

        Report(reportedId, eventName, exception, detached: false);
    }

    /// <summary>
    /// A System.Diagnostics listener's callback failed (threw, or emitted without end) while generated code recorded or
    /// traced <paramref name="eventName"/>: reported like an error a handler reported (nothing to detach).
    /// </summary>
    internal void ReportListenerFailure(string listenerId, string eventName, Exception exception) =>
        Report(listenerId, eventName, exception, detached: false);

    /// <summary>
    /// The registration <paramref name="handler"/> belongs to: attached as itself, as a builder's owner, or as the
    /// target of one of its callbacks (a lambda of that object passes <c>this</c>). When several registrations share
    /// the object, the one receiving <paramref name="eventName"/>.
    /// </summary>
    private HandlerRegistration? RegistrationOf(object handler, string eventName)
    {
        HandlerRegistration? first = null;
        foreach (var registration in _table.Registrations)
        {
            if (!registration.BelongsTo(handler))
            {
                continue;
            }

            if (registration.Receives(eventName))
            {
                return registration;
            }

            first ??= registration;
        }

        return first;
    }

    /// <summary>The id an annotated handler's generated wiring declares (user code, so guarded).</summary>
    private static string? WiringIdOf(object handler)
    {
        try
        {
            return (handler as ITelemetryHandlerWiring)?.HandlerId;
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// A handler call took longer than the timing threshold: reported (at most once a second per handler) as the
    /// built-in event <c>telemetry.handler.slow</c> and on the EventSource. Slow handlers of that event are not reported.
    /// Never throws.
    /// </summary>
    internal void OnHandlerSlow(HandlerRegistration registration, string eventName, long elapsedTicks)
    {
        if (eventName == TelemetryHandlerSlow.Name || !HandlerTiming.ShouldReport(registration, System.Diagnostics.Stopwatch.GetTimestamp()))
        {
            return;
        }

        var duration = TimeSpan.FromTicks((long)(elapsedTicks * ((double)TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency)));
        TelemetryEventSource.Log.HandlerSlowSafe(registration.Id, eventName, duration.TotalMilliseconds);
        var slow = new TelemetryHandlerSlow(duration, registration.Id, eventName);
        EmitFromTop(in slow);
    }

    /// <summary>
    /// A handler failed: it is detached (a background worker stops without waiting, since this may run on it), and
    /// then the failure is reported. Only the first failure of a registration is reported. Never throws, whatever
    /// <paramref name="exception"/>'s members do.
    /// </summary>
    internal void OnHandlerFailed(HandlerRegistration registration, string eventName, Exception exception)
    {
        if (!registration.TryMarkFailed())
        {
            return;
        }

        // At once, before waiting for the lock: emitters holding the current slot skip it from now on.
        registration.MarkDetached();
        _table.RemoveFailed(registration);

        registration.Worker?.Stop(wait: false);
        Interlocked.Increment(ref registration.Failures);

        // A failing failure handler is detached silently: reporting it again could loop.
        Report(registration.Id, eventName, exception, detached: true, emitEvent: eventName != TelemetryHandlerFailure.Name);
    }

    /// <summary>
    /// Reports a failure on the platform's channels (the EventSource and the failures counter, whether or not a failure
    /// handler is attached) and as the <c>telemetry.handler.failure</c> event. Never throws: the exception is read
    /// through <see cref="ExceptionText"/>, and failure handlers are isolated like any handler.
    /// </summary>
    private void Report(string handlerId, string eventName, Exception exception, bool detached, bool emitEvent = true)
    {
        TelemetryEventSource.Log.HandlerFailed(handlerId, eventName, exception, detached);
        if (emitEvent)
        {
            var failure = new TelemetryHandlerFailure(handlerId, eventName, exception, detached);
            EmitFromTop(in failure);
        }
    }

    /// <summary>
    /// Emits a built-in event from the top of the dispatch depth (restored afterwards, whatever happens), so that a
    /// failure found deep down, a recursion failure say, still reaches the failure handlers.
    /// </summary>
    private void EmitFromTop<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent
    {
        var depth = DispatchDepth.Value;
        DispatchDepth.Value = 0;
        try
        {
            Emit(in e);
        }
        catch (Exception)
        {
            // Dispatch isolates handlers; nothing else here runs user code. Never let a report fail its reporter.
        }
        finally
        {
            DispatchDepth.Value = depth;
        }
    }
}
