// A catalog attribute written by hand with names and types that do not line up (more names than types, and so on).
using Snakepit.Telemetry;

[assembly: TelemetryCatalog("myapp", typeof(Incomplete.I27.RequestDone), EventNames = new[] { "myapp.request.done", "myapp.request.failed" })]
[assembly: TelemetryCatalog("myapp", new[] { "myapp.request.done" }, new System.Type[0])]
[assembly: TelemetryCatalog("myapp", typeof(Incomplete.I27.RequestDone), typeof(Incomplete.I27.RequestDone))]
[assembly: TelemetryCatalog(new[] { "myapp", "other" }, typeof(Incomplete.I27.RequestDone))]

namespace Incomplete.I27;

public readonly struct RequestDone : ITelemetryEvent
{
    public const string Name = "myapp.request.done";
    string ITelemetryEvent.EventName => Name;
    int ITelemetryEvent.MeasurementCount => 0;
    int ITelemetryEvent.MetadataCount => 0;
    TelemetryField ITelemetryEvent.GetMeasurement(int index) => throw new System.ArgumentOutOfRangeException();
    TelemetryField ITelemetryEvent.GetMetadata(int index) => throw new System.ArgumentOutOfRangeException();
}

[TelemetryHandler("myapp-requests")]
public sealed partial class Requests
{
    [OnEvent("myapp.request.done")]
    private void OnDone(in RequestDone e) => TelemetryHub.Default.Emit(e);

    [OnEvent("myapp.request.failed")]
    private void OnFailed(in RequestDone e)
    {
    }
}
