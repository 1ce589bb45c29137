using System;

namespace Snakepit.Telemetry;

/// <summary>
/// The built-in event <c>telemetry.handler.slow</c>: with handler timing on (<see cref="TelemetrySettings.TimeHandlers"/>),
/// a handler call took longer than <see cref="TelemetrySettings.SlowHandlerThreshold"/>. At most one per handler per
/// second, so a slow handler cannot flood the log. Attach an <see cref="ITelemetryHandlerSlowHandler"/> to see it.
/// </summary>
public readonly struct TelemetryHandlerSlow : ITelemetryEvent
{
    /// <summary>The event name, <c>telemetry.handler.slow</c>.</summary>
    public const string Name = "telemetry.handler.slow";

    /// <summary>Creates the event.</summary>
    public TelemetryHandlerSlow(TimeSpan duration, string handlerId, string slowEventName)
    {
        Duration = duration;
        HandlerId = handlerId;
        SlowEventName = slowEventName;
    }

    /// <summary>How long the handler call took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The id of the slow handler.</summary>
    public string HandlerId { get; }

    /// <summary>The name of the event it was handling.</summary>
    public string SlowEventName { get; }

    string ITelemetryEvent.EventName => Name;

    int ITelemetryEvent.MeasurementCount => 1;

    int ITelemetryEvent.MetadataCount => 2;

    TelemetryField ITelemetryEvent.GetMeasurement(int index) => index == 0
        ? new TelemetryField("duration", TelemetryValue.FromDuration(Duration), null)
        : throw new ArgumentOutOfRangeException(nameof(index));

    TelemetryField ITelemetryEvent.GetMetadata(int index) => index switch
    {
        0 => new TelemetryField("handler_id", TelemetryValue.FromString(HandlerId), null),
        1 => new TelemetryField("event_name", TelemetryValue.FromString(SlowEventName), null),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <inheritdoc/>
    public override string ToString() => TelemetryEventFormatter.Format(this);
}
