namespace Snakepit.Telemetry;

/// <summary>
/// The generated wiring of a <see cref="TelemetryHandlerAttribute"/> class: it attaches every binding of the class
/// (handler interfaces and <see cref="OnEventAttribute"/> methods) under the class's handler id.
/// </summary>
public interface ITelemetryHandlerWiring
{
    /// <summary>The handler id given by <see cref="TelemetryHandlerAttribute"/>.</summary>
    string HandlerId { get; }

    /// <summary>Attaches this handler to <paramref name="hub"/>.</summary>
    void AttachTo(TelemetryHub hub);

    /// <summary>
    /// Adds every binding of the class (and its dispatch mode) to <paramref name="builder"/>: how
    /// <see cref="TelemetryHub.Attach(string, object)"/> attaches the class under an id of the caller's choosing.
    /// </summary>
    void Bind(TelemetryHandlerBuilder builder);
}
