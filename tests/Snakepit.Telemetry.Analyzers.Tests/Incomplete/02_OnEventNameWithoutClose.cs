// The event name typed, the ")]" not yet.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I02;

[TelemetryHandler("myapp-slow-calls")]
public sealed partial class SlowCalls
{
    [OnEvent("snakepit.python.call.stop"
    private void OnStop(in PythonCallStop e)
    {
        System.Console.WriteLine(e.Duration);
    }

    [OnEvent("snakepit.python.call.start")
    private void OnStart(in PythonCallStart e)
    {
    }
}
