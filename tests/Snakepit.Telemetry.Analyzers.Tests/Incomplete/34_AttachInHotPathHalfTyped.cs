// Attach calls being typed in loops, per-item code, request handlers and handlers.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I34;

public sealed class Requests
{
    public void Handle(IEnumerable<int> items)
    {
        foreach (var item in
        {
            TelemetryHub.Default.Attach<PoolStatus>("myapp-" + item, (in PoolStatus e) => { });
        }

        for (var i = 0; i < ; i++) TelemetryHub.Default.Attach(
        Parallel.ForEach(items, i => TelemetryHub.Default.Attach<PoolStatus>("myapp-p", (in PoolStatus e) =>
        items.Select(i => { TelemetryHub.Default.Attach<PoolStatus>("myapp-s", (in PoolStatus e) => { }); return i; }).ToList(
        items.ToList().ForEach(i => TelemetryHub.Default.Attach<PoolStatus>("myapp-f", (in PoolStatus e) => { }));
        while (true) TelemetryHub.Default.Attach<PoolStatus>("myapp-w",
    }

    public void Nested() => TelemetryHub.Default.Attach<PoolStatus>("myapp-outer", (in PoolStatus e) => TelemetryHub.Default.Attach<PoolStatus>("myapp-inner", (in PoolStatus e2) => { }));

    public static void MapThings(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app) => app.MapGet("/", () => TelemetryHub.Default.Attach(
}
