using Microsoft.Extensions.Logging;

namespace Snakepit.Telemetry.Hosting;

/// <summary>Logs every handler failure (<c>telemetry.handler.failure</c>) as a warning with structured fields.</summary>
internal sealed class TelemetryFailureLogger : ITelemetryHandlerFailureHandler
{
    public const string HandlerId = "snakepit.hosting.failure-log";

    private readonly ILogger<TelemetryFailureLogger> _logger;

    public TelemetryFailureLogger(ILogger<TelemetryFailureLogger> logger) => _logger = logger;

    public void Handle(in TelemetryHandlerFailure e) =>
        _logger.LogWarning(
            e.Exception,
            "Telemetry handler {HandlerId} failed on {EventName} and was detached: {ExceptionType}: {ExceptionMessage}",
            e.HandlerId,
            e.FailedEventName,
            e.Exception.GetType().FullName,
            e.Exception.Message);
}
