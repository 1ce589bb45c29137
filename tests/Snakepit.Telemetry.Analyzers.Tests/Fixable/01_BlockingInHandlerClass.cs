// SNK001 in a [TelemetryHandler] class whose attribute has the id only: the fix adds Dispatch = Background.
using System.Threading;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F01;

[TelemetryHandler("myapp-slow-sleeper")]
public sealed partial class SlowSleeper
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
        Thread.Sleep(10);
    }
}
