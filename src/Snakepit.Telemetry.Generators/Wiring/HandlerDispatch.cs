namespace Snakepit.Telemetry.Generators.Wiring;

/// <summary>
/// The runtime's <c>TelemetryDispatchMode</c> as the wiring reads it from a <c>[TelemetryHandler]</c> attribute (the
/// generator cannot reference the runtime); values the runtime does not define are kept and cast.
/// </summary>
internal enum HandlerDispatch
{
    /// <summary><c>TelemetryDispatchMode.Inline</c>: on the emitting thread.</summary>
    Inline = 0,

    /// <summary><c>TelemetryDispatchMode.Background</c>: on a worker thread of its own.</summary>
    Background = 1,
}
