using System;
using Lib.Telemetry;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

var both = new BothCatalogs();
TelemetryHub.Default.Attach("both-catalogs", both);

SnakepitEvents.PoolStatus(2, 1, 5, 3, "default");
Lib.Jobs.Run("job-1");

Console.WriteLine($"pool {both.Pools} jobs {both.Jobs}");
Console.WriteLine("events " + string.Join(",", TelemetryHub.Default.ListHandlers()[0].Events));

internal sealed class BothCatalogs : IPoolStatusHandler, IJobStopHandler
{
    public int Pools;
    public int Jobs;

    public void Handle(in PoolStatus e) => Pools++;

    public void Handle(in JobStop e) => Jobs++;
}
