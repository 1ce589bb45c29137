using System;
using Microsoft.Extensions.Logging;

namespace Snakepit.Telemetry.Hosting;

/// <summary>
/// Logs every handler failure (<c>telemetry.handler.failure</c>) as a warning with structured fields. Never throws: the
/// exception's members are user code, and so are the logging providers; a failure this logger cannot log with its
/// exception (a <c>Message</c> or <c>ToString</c> that throws) is logged without it, and it stays attached.
/// </summary>
internal sealed class TelemetryFailureLogger : ITelemetryHandlerFailureHandler
{
    /// <summary>The id of the first host's logger; a second host in the process attaches its own as <c>…/2</c>, and so on.</summary>
    public const string HandlerId = "snakepit.hosting.failure-log";

    private readonly ILogger<TelemetryFailureLogger> _logger;

    public TelemetryFailureLogger(ILogger<TelemetryFailureLogger> logger) => _logger = logger;

    public void Handle(in TelemetryHandlerFailure e)
    {
        var message = e.Detached
            ? "Telemetry handler {HandlerId} failed on {EventName} and was detached: {ExceptionType}: {ExceptionMessage}"
            : "Telemetry handler {HandlerId} reported an error on {EventName} and keeps running: {ExceptionType}: {ExceptionMessage}";
        try
        {
#pragma warning disable CA2254 // One of two constant templates.
            _logger.LogWarning(e.Exception, message, e.HandlerId, e.FailedEventName, e.ExceptionType, e.ExceptionMessage);
        }
        catch (Exception)
        {
            // A provider formatting the exception called a member of it that throws: log what can be read.
            try
            {
                _logger.LogWarning(message, e.HandlerId, e.FailedEventName, e.ExceptionType, e.ExceptionMessage);
            }
            catch (Exception)
            {
                // The providers themselves fail: nothing is left to log to, and the hub must not detach this logger.
            }
#pragma warning restore CA2254
        }
    }
}
