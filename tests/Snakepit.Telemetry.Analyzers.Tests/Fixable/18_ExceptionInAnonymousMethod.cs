// SNK002 in an anonymous method (delegate (in T e) { ... }) attached to the hub.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F18;

public static class Startup
{
    public static int Last { get; private set; }

    public static void Main()
    {
        TelemetryHub.Default.Attach<PoolStatus>("myapp-delegate-parser", delegate (in PoolStatus e)
        {
            Last = int.Parse(e.PoolName);
        });
    }
}
