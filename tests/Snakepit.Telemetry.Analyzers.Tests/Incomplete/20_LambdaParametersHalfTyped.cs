// Lambda parameters without types or modifiers, member access cut after the dot.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I20;

public static class Startup
{
    private static readonly System.Collections.Generic.Dictionary<string, int> Counts = new();

    public static void Main()
    {
        TelemetryHub.Default.Attach<PoolStatus>("myapp-a", e => e.);
        TelemetryHub.Default.Attach<PoolStatus>("myapp-b", (in e) => Counts[e.PoolName]++);
        TelemetryHub.Default.Attach<PoolStatus>("myapp-c", (e) => { Counts[e.] = 1; });
        TelemetryHub.Default.Attach<PoolStatus>("myapp-d", delegate (in PoolStatus e) { Counts.Add(e.PoolName, });
        TelemetryHub.Default.Attach<PoolStatus>("myapp-e", (in PoolStatus e, int extra) => { });
        TelemetryHub.Default.Attach<PoolStatus>("myapp-f", async (in PoolStatus e) => await System.Threading.Tasks.Task.Delay(1));
        TelemetryHub.Default.Attach<PoolStatus>("myapp-g", static (in PoolStatus e) => throw new);
    }
}
