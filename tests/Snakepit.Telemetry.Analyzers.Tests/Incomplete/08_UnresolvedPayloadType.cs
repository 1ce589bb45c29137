// The handler's parameter type does not exist (yet): in Foo e, a misspelt payload, a payload from a missing namespace.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I08;

[TelemetryHandler("myapp-unresolved")]
public sealed partial class Unresolved
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in Foo e)
    {
        var n = int.Parse(e.Command);
        System.Threading.Thread.Sleep(n);
    }

    [OnEvent("snakepit.python.call.start")]
    private void OnStart(in PythonCallStrat e)
    {
        TelemetryHub.Default.Emit(e);
    }

    [OnEvent("snakepit.pool.status")]
    private void OnStatus(in Other.Events.PoolStatus e)
    {
    }

    [OnEvent("snakepit.pool.status")]
    private void OnStatusAgain(in e)
    {
    }
}
