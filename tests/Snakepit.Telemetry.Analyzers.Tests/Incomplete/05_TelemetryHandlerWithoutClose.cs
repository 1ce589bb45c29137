// [TelemetryHandler( just typed above the class.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I05;

[TelemetryHandler(
public sealed partial class SlowCalls
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
        System.Console.WriteLine(e.Duration);
    }
}
