// SNK008: a static handler taking the wrong payload by value; the fix makes it an instance method taking the payload in.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F12;

[TelemetryHandler("myapp-static-logger")]
public sealed partial class StaticLogger
{
    [OnEvent("snakepit.python.call.stop")]
    public static void OnStop(PoolStatus stop)
    {
        System.Console.WriteLine(stop);
    }

    [OnEvent("snakepit.pool.status")]
    private void OnStatus(ref PoolStatus status) => System.Console.WriteLine(status);
}
