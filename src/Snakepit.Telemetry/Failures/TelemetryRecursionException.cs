using System;

namespace Snakepit.Telemetry;

/// <summary>
/// Reported (as the <see cref="TelemetryHandlerFailure.Exception"/> of a <c>telemetry.handler.failure</c> event) for a
/// handler that emitted events whose dispatch nested too deeply, such as a handler that emits the event it handles.
/// The handler is detached, as for any failure; the emitter never sees this exception.
/// </summary>
public sealed class TelemetryRecursionException : Exception
{
    /// <summary>Creates the exception for <paramref name="handlerId"/> emitting <paramref name="eventName"/>.</summary>
    public TelemetryRecursionException(string handlerId, string eventName, int depth, bool background)
        : base(background
            ? $"Handler '{handlerId}' emitted '{eventName}' as hop {depth} of a chain of background handlers emitting for each other (or for themselves): a cycle. It was detached; break the cycle (SNK009)."
            : $"Handler '{handlerId}' emitted '{eventName}' from inside {depth} nested dispatches: it emits an event it handles, directly or through other handlers. It was detached; break the cycle (SNK009).")
    {
        HandlerId = handlerId;
        EventName = eventName;
        Depth = depth;
    }

    /// <summary>For a listener (a MeterListener or ActivityListener callback) that emitted while it was called for an event.</summary>
    internal TelemetryRecursionException(string listenerId, string eventName, int depth, string message)
        : base(message)
    {
        HandlerId = listenerId;
        EventName = eventName;
        Depth = depth;
    }

    /// <summary>The handler that was detached.</summary>
    public string HandlerId { get; }

    /// <summary>The event it emitted when the limit was reached.</summary>
    public string EventName { get; }

    /// <summary>The nesting depth (or length of the chain of background hops) that was reached.</summary>
    public int Depth { get; }
}
