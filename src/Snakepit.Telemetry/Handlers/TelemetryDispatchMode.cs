namespace Snakepit.Telemetry;

/// <summary>Where a handler runs.</summary>
public enum TelemetryDispatchMode
{
    /// <summary>On the emitting thread, during the emit call (the default, and the cheapest).</summary>
    Inline = 0,

    /// <summary>
    /// On a worker thread of its own, fed by a bounded queue. The emitter only copies the event into the queue: it
    /// never waits, and when the queue is full the event is dropped and counted
    /// (<see cref="TelemetryHandlerInfo.DroppedEvents"/>). Events emitted from one thread are handled in that order,
    /// whatever their types. For handlers that block (I/O, locks) or are slow.
    /// </summary>
    Background = 1,
}
