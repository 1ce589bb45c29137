using System;

namespace Snakepit.Telemetry;

/// <summary>
/// The built-in event <c>telemetry.handler.failure</c>: a handler threw, and the hub detached it, or a component
/// reported an error it caught and kept running (<see cref="TelemetryHub.ReportHandlerError"/>; then
/// <see cref="Detached"/> is false). Attach an <see cref="ITelemetryHandlerFailureHandler"/> (or a generic handler) to
/// log or alert on it.
/// </summary>
/// <remarks>
/// <see cref="Exception"/> is what user code threw, and its members are user code too: read its message through
/// <see cref="ExceptionMessage"/>, which never throws, rather than <c>Exception.Message</c>, which may.
/// </remarks>
public readonly struct TelemetryHandlerFailure : ITelemetryEvent
{
    /// <summary>The event name, <c>telemetry.handler.failure</c>.</summary>
    public const string Name = "telemetry.handler.failure";

    /// <summary>Creates the event for a handler that was detached.</summary>
    public TelemetryHandlerFailure(string handlerId, string failedEventName, Exception exception)
        : this(handlerId, failedEventName, exception, detached: true)
    {
    }

    /// <summary>Creates the event; <paramref name="detached"/> says whether the handler was detached for it.</summary>
    public TelemetryHandlerFailure(string handlerId, string failedEventName, Exception exception, bool detached)
    {
        HandlerId = handlerId;
        FailedEventName = failedEventName;
        Exception = exception;
        Detached = detached;
    }

    /// <summary>The id of the handler that threw and was detached.</summary>
    public string HandlerId { get; }

    /// <summary>The name of the event the handler was handling.</summary>
    public string FailedEventName { get; }

    /// <summary>What the handler threw.</summary>
    public Exception Exception { get; }

    /// <summary>
    /// Whether the handler was detached: true for an exception that escaped a handler, false for an error reported with
    /// <see cref="TelemetryHub.ReportHandlerError"/> by code that keeps running (a StatsD exporter's failed send, say).
    /// </summary>
    public bool Detached { get; }

    /// <summary>The exception's type name.</summary>
    public string ExceptionType => ExceptionText.TypeName(Exception);

    /// <summary>
    /// The exception's message, read so that it never throws: when the exception's own <c>Message</c> throws, a text
    /// saying so.
    /// </summary>
    public string ExceptionMessage => ExceptionText.Message(Exception);

    string ITelemetryEvent.EventName => Name;

    int ITelemetryEvent.MeasurementCount => 0;

    int ITelemetryEvent.MetadataCount => 5;

    TelemetryField ITelemetryEvent.GetMeasurement(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    TelemetryField ITelemetryEvent.GetMetadata(int index) => index switch
    {
        0 => new TelemetryField("handler_id", TelemetryValue.FromString(HandlerId), null),
        1 => new TelemetryField("event_name", TelemetryValue.FromString(FailedEventName), null),
        2 => new TelemetryField("exception_type", TelemetryValue.FromString(ExceptionType), null),
        3 => new TelemetryField("exception_message", TelemetryValue.FromString(ExceptionMessage), null),
        4 => new TelemetryField("detached", TelemetryValue.FromBoolean(Detached), null),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <inheritdoc/>
    public override string ToString() => TelemetryEventFormatter.Format(this);
}
