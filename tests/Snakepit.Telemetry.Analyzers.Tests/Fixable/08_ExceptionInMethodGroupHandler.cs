// SNK002 in a method attached as a method group, with a constant id and with an id held in a local.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F08;

public sealed class Wiring
{
    private const string Id = "myapp-pool-name-parser";

    public static int Last { get; private set; }

    public static void Main()
    {
        var id = "myapp-call-parser";
        TelemetryHub.Default.Attach<PoolStatus>(Id, OnStatus);
        TelemetryHub.Default.Attach<PythonCallStop>(id, OnStop);
    }

    private static void OnStatus(in PoolStatus e) => Last = int.Parse(e.PoolName);

    private static void OnStop(in PythonCallStop e)
    {
        Last = int.Parse(e.Command);
    }
}
