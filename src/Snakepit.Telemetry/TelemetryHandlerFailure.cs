using System;

namespace Snakepit.Telemetry;

/// <summary>
/// The built-in event <c>telemetry.handler.failure</c>: a handler threw, and the hub detached it. Attach an
/// <see cref="ITelemetryHandlerFailureHandler"/> (or a generic handler) to log or alert on it.
/// </summary>
public readonly struct TelemetryHandlerFailure : ITelemetryEvent
{
    /// <summary>The event name, <c>telemetry.handler.failure</c>.</summary>
    public const string Name = "telemetry.handler.failure";

    /// <summary>Creates the event.</summary>
    public TelemetryHandlerFailure(string handlerId, string failedEventName, Exception exception)
    {
        HandlerId = handlerId;
        FailedEventName = failedEventName;
        Exception = exception;
    }

    /// <summary>The id of the handler that threw and was detached.</summary>
    public string HandlerId { get; }

    /// <summary>The name of the event the handler was handling.</summary>
    public string FailedEventName { get; }

    /// <summary>What the handler threw.</summary>
    public Exception Exception { get; }

    string ITelemetryEvent.EventName => Name;

    int ITelemetryEvent.MeasurementCount => 0;

    int ITelemetryEvent.MetadataCount => 4;

    TelemetryField ITelemetryEvent.GetMeasurement(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    TelemetryField ITelemetryEvent.GetMetadata(int index) => index switch
    {
        0 => new TelemetryField("handler_id", TelemetryValue.FromString(HandlerId), null),
        1 => new TelemetryField("event_name", TelemetryValue.FromString(FailedEventName), null),
        2 => new TelemetryField("exception_type", TelemetryValue.FromString(Exception?.GetType().FullName), null),
        3 => new TelemetryField("exception_message", TelemetryValue.FromString(Exception?.Message), null),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <inheritdoc/>
    public override string ToString() => TelemetryEventFormatter.Format(this);
}

/// <summary>Handles <see cref="TelemetryHandlerFailure"/>: a handler threw and was detached.</summary>
[TelemetryHandlerInterface(typeof(TelemetryHandlerFailure))]
public interface ITelemetryHandlerFailureHandler
{
    /// <summary>Called after a handler threw and was detached.</summary>
    void Handle(in TelemetryHandlerFailure e);
}
