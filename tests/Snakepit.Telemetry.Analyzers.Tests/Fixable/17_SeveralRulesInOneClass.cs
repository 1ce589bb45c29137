// Several fixable rules in one class (SNK010, SNK008, SNK006, SNK002, SNK001): each fix applies on its own.
using System.Threading;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F17;

[TelemetryHandler("myapp-everything-wrong")]
public sealed class EverythingWrong
{
    public int Last { get; private set; }

    [OnEvent("snakepit.python.call.stop")]
    private static void OnStop(PythonCallStop e)
    {
        Thread.Sleep(1);
    }

    [OnEvent("snakepit.pool.statu")]
    private void OnStatus(in PoolStatus e)
    {
        Last = int.Parse(e.PoolName);
    }

    [OnEvent("snakepit.python.call.start")]
    private void OnStart(in PythonCallStart e)
    {
        Thread.Sleep(1);
        Last = int.Parse(e.Command);
    }
}
