namespace Snakepit.Telemetry;

/// <summary>
/// A telemetry event payload. Every generated event implements it, so that one handler can read any event's
/// name, measurements and metadata without knowing its type and without allocating.
/// </summary>
public interface ITelemetryEvent
{
    /// <summary>The event name, such as <c>snakepit.python.call.stop</c>.</summary>
    string EventName { get; }

    /// <summary>How many measurements the event has.</summary>
    int MeasurementCount { get; }

    /// <summary>The measurement at <paramref name="index"/> (0 to <see cref="MeasurementCount"/> - 1), in catalog order.</summary>
    TelemetryField GetMeasurement(int index);

    /// <summary>How many metadata fields the event has, common metadata included.</summary>
    int MetadataCount { get; }

    /// <summary>The metadata field at <paramref name="index"/> (0 to <see cref="MetadataCount"/> - 1): the event's own, then common metadata.</summary>
    TelemetryField GetMetadata(int index);
}
