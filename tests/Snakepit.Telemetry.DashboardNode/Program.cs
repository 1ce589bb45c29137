using System;
using System.Globalization;
using System.Threading;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Snakepit.Telemetry.DashboardNode.Events;

// usage: Snakepit.Telemetry.DashboardNode --node NAME --port PORT [--interval-ms N]
// Serves the warehouse catalog's metrics at http://127.0.0.1:PORT/metrics, each recorded through the generated
// emitters every interval (default 20 ms), with the node tag set to NAME, until killed.
string? node = null;
int? port = null;
var interval = 20;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--node": node = args[i + 1]; break;
        case "--port": port = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--interval-ms": interval = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"Unknown argument '{args[i]}'."); return 2;
    }
}

if (node is null || port is null || args.Length % 2 != 0)
{
    Console.Error.WriteLine("usage: Snakepit.Telemetry.DashboardNode --node NAME --port PORT [--interval-ms N]");
    return 2;
}

WarehouseEvents.CommonMetadata.Node = node;
using var meterProvider = Sdk.CreateMeterProviderBuilder()
    .AddMeter(WarehouseEvents.MeterName)
    .AddPrometheusHttpListener(listener =>
    {
        listener.Host = "127.0.0.1";
        listener.Port = port.Value;
    })
    .Build();

Console.WriteLine($"node {node}: metrics at http://127.0.0.1:{port}/metrics");
var sites = new[] { "north", "south" };
var carriers = new[] { Carrier.Post, Carrier.Courier, Carrier.Freight };
var random = new Random(11);
for (var tick = 0L; ; tick++)
{
    var site = sites[tick % sites.Length];

    // A pick: a span that mostly stops (a zone known or not, a weight given or not) and sometimes fails.
    var pick = WarehouseEvents.StartPick(site, zone: tick % 3 == 0 ? null : "z" + (tick % 2));
    Thread.Sleep(random.Next(1, 5));
    if (tick % 7 == 6)
    {
        pick.Exception(tick % 2 == 0 ? PickExceptionReason.OutOfStock : PickExceptionReason.Damaged);
    }
    else
    {
        pick.Stop(items: 1 + (tick % 9), express: tick % 4 == 0, weight: tick % 5 == 0 ? null : random.NextDouble() * 150);
    }

    if (tick % 5 == 0)
    {
        var used = tick % 6;
        WarehouseEvents.DockStatus(6 - used, used, used * 100.0 / 6, random.NextDouble(), 4096 + (tick % 1024), site, dock: 1 + (tick % 2));
        WarehouseEvents.ShipmentSent(
            payloadSize: 512 + (tick % 2048),
            handling: TimeSpan.FromTicks(random.Next(100, 100_000)),
            distance: random.NextDouble() * 800,
            loading: TimeSpan.FromSeconds(random.Next(30, 600)),
            site,
            carriers[tick % carriers.Length],
            customs: tick % 10 == 0 ? "rotterdam" : null);
    }

    if (tick % 10 == 0)
    {
        WarehouseEvents.ClockTick(TimeSpan.FromMilliseconds(random.NextDouble() * 3));
    }

    Thread.Sleep(interval);
}
