namespace Snakepit.Telemetry;

/// <summary>
/// A handler for any event, for forwarders and loggers: <see cref="Handle{TEvent}"/> is called with each event's
/// own type, so nothing is boxed; read the event through <see cref="ITelemetryEvent"/>.
/// </summary>
/// <remarks>
/// Attach it with <see cref="TelemetryHub.Attach(string, object)"/> (every event) or
/// <see cref="TelemetryHub.Attach(string, ITelemetryHandler, string[])"/> (events matching names or prefixes).
/// </remarks>
public interface ITelemetryHandler
{
    /// <summary>Called for every event the handler is attached to, on the emitting thread.</summary>
    void Handle<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent;
}
