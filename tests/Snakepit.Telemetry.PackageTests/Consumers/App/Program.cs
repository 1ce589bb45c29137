using System.Linq;
using System;
using Shop.Telemetry;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

var handler = new Handler();
TelemetryHub.Default.Attach("consumer-handler", handler);
TelemetryHub.Default.Attach("consumer-all", new Forwarder(), "shop.*");

ShopEvents.OrderPlaced(42.5, "o-1", OrderPlacedChannel.Web);
ShopEvents.StartCheckout("cart-9").Stop();
SnakepitEvents.PoolStatus(availableWorkers: 1, busyWorkers: 3, queueDepth: 12, totalWorkers: 4, poolName: "default");

Console.WriteLine("handlers: " + string.Join(" ", TelemetryHub.Default.ListHandlers("shop").Select(h => h.Id)));
TelemetryHub.Default.Detach("consumer-handler");
ShopEvents.OrderPlaced(1, "o-2", OrderPlacedChannel.Store);
Console.WriteLine("after detach: " + handler.Orders);

internal sealed class Handler : IOrderPlacedHandler, ICheckoutStopHandler, IPoolStatusHandler
{
    public int Orders;

    public void Handle(in OrderPlaced e)
    {
        Orders++;
        Console.WriteLine($"order {e.OrderId} {e.Total} {e.Channel}");
    }

    public void Handle(in CheckoutStop e) => Console.WriteLine($"checkout {e.CartId} measured={e.Duration >= TimeSpan.Zero}");

    public void Handle(in PoolStatus e) => Console.WriteLine($"pool {e.PoolName} queue={e.QueueDepth}");
}

internal sealed class Forwarder : ITelemetryHandler
{
    public void Handle<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent => Console.WriteLine("forward " + e.EventName);
}
