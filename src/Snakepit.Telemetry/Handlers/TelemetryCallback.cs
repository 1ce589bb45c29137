namespace Snakepit.Telemetry;

/// <summary>A typed callback for one event, taking the payload by reference.</summary>
public delegate void TelemetryCallback<TEvent>(in TEvent e)
    where TEvent : struct, ITelemetryEvent;
