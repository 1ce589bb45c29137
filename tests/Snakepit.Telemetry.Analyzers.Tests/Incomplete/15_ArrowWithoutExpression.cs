// An expression-bodied handler with the arrow typed and the expression not.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I15;

[TelemetryHandler("myapp-arrow")]
public sealed partial class Arrow
{
    private long _count;

    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) =>

    [OnEvent("snakepit.python.call.start")]
    private void OnStart(in PythonCallStart e) => _count +=

    [OnEvent("snakepit.pool.status")]
    private int OnStatus(in PoolStatus e) => ;
}
