// [OnEvent] and [OnEvent()] with no event name, and an empty attribute list.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I03;

[TelemetryHandler("myapp-counts")]
public sealed partial class Counts
{
    private long _stops;

    [OnEvent]
    private void OnStop(in PythonCallStop e) => _stops++;

    [OnEvent()]
    private void OnStart(in PythonCallStart e) => _stops--;

    []
    private void OnStatus(in PoolStatus e) => _stops = 0;
}
