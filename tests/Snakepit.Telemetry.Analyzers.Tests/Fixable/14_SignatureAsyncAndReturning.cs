// SNK008: handlers that return a value or are async without awaiting; the fix makes them return void.
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F14;

[TelemetryHandler("myapp-returning")]
public sealed partial class Returning
{
    private long _count;

    [OnEvent("snakepit.python.call.stop")]
    private long OnStop(in PythonCallStop e) => _count++;

#pragma warning disable CS1998 // Async method lacks 'await' operators: the handler as it was first written.
    [OnEvent("snakepit.python.call.start")]
    private async Task OnStart(PythonCallStart e)
    {
        _count--;
    }
#pragma warning restore CS1998

    [OnEvent("snakepit.pool.status")]
    public int OnStatus(in PoolStatus e)
    {
        _count = 0;
        return 0;
    }
}
