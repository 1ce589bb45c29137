// SNK005 in code: a name under Snakepit's catalog in a project with its own catalog; the fix moves it to 'myapp'.
using Snakepit.Telemetry;

[assembly: TelemetryCatalog("myapp", typeof(Fixable.F09.RequestDone))]

namespace Fixable.F09;

public readonly struct RequestDone : ITelemetryEvent
{
    public const string Name = "myapp.request.done";

    string ITelemetryEvent.EventName => Name;

    int ITelemetryEvent.MeasurementCount => 0;

    int ITelemetryEvent.MetadataCount => 0;

    TelemetryField ITelemetryEvent.GetMeasurement(int index) => throw new System.ArgumentOutOfRangeException(nameof(index));

    TelemetryField ITelemetryEvent.GetMetadata(int index) => throw new System.ArgumentOutOfRangeException(nameof(index));
}

public static class Inspect
{
    public static int Count(TelemetryHub hub) => hub.ListHandlers("snakepit.request.done").Count;
}
