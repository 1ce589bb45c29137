using System;

namespace Snakepit.Telemetry;

/// <summary>Handles <see cref="TelemetryHandlerFailure"/>: a handler threw and was detached.</summary>
[TelemetryHandlerInterface(typeof(TelemetryHandlerFailure))]
public interface ITelemetryHandlerFailureHandler
{
    /// <summary>Called after a handler threw and was detached.</summary>
    void Handle(in TelemetryHandlerFailure e);
}
