namespace Snakepit.Telemetry;

/// <summary>Handles <see cref="TelemetryHandlerSlow"/>: a handler call took longer than the threshold.</summary>
[TelemetryHandlerInterface(typeof(TelemetryHandlerSlow))]
public interface ITelemetryHandlerSlowHandler
{
    /// <summary>Called on the thread where the slow call ran, after it returned.</summary>
    void Handle(in TelemetryHandlerSlow e);
}
