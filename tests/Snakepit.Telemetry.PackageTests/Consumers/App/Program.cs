using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using Shop.Telemetry;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

// The catalogs' metrics and spans, as OpenTelemetry would see them: a MeterListener and an ActivityListener.
using var meters = new MeterListener
{
    InstrumentPublished = (instrument, listener) =>
    {
        if (instrument.Meter.Name == ShopEvents.MeterName)
        {
            listener.EnableMeasurementEvents(instrument);
        }
    },
};
meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Console.WriteLine($"metric {instrument.Name} {(instrument.Unit == "ms" ? "ms" : value.ToString(System.Globalization.CultureInfo.InvariantCulture))}{Tags(tags)}"));
meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Console.WriteLine($"metric {instrument.Name} {value}{Tags(tags)}"));
meters.Start();
using var activities = new ActivityListener
{
    ShouldListenTo = source => source.Name == ShopEvents.ActivitySourceName,
    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    ActivityStopped = activity => Console.WriteLine($"activity {activity.OperationName} {activity.Status} cart_id={activity.GetTagItem("cart_id")}"),
};
ActivitySource.AddActivityListener(activities);

// The catalog's metrics to StatsD: a UDP socket on loopback stands in for the daemon.
using var statsdDaemon = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
var statsd = new Snakepit.Telemetry.StatsD.StatsDExporter("127.0.0.1", ((System.Net.IPEndPoint)statsdDaemon.Client.LocalEndPoint!).Port, ShopEvents.MeterName);

// Hand-attached handlers.
var handler = new Handler();
TelemetryHub.Default.Attach("consumer-handler", handler);
TelemetryHub.Default.Attach("consumer-all", new Forwarder(), "shop.*");

// Annotated handlers across two catalogs (Snakepit's, inside the package, and the app's own), in one call.
var attached = Consumer.App.TelemetryHandlers.AttachAll();
Console.WriteLine("attach-all: " + string.Join(" ", attached.Select(h => h.HandlerId)));

ShopEvents.OrderPlaced(42.5, "o-1", OrderPlacedChannel.Web);
ShopEvents.StartCheckout("cart-9").Stop();
SnakepitEvents.PoolStatus(availableWorkers: 1, busyWorkers: 3, queueDepth: 12, totalWorkers: 4, poolName: "default");

// Lines a Python worker wrote, folded by the app's own catalog's decoder and by Snakepit's (inside the package).
var shopReader = new WorkerTelemetryReader(new ShopEvents.Decoder(), new WorkerContext("node-w", "default", "w-1"));
Console.WriteLine("fold " + shopReader.Fold("TELEMETRY:{\"event\":\"order.placed\",\"measurements\":{\"total\":7.5},\"metadata\":{\"order_id\":\"o-py\",\"channel\":\"store\"}}"));
Console.WriteLine("fold " + shopReader.Fold("TELEMETRY:{\"event\":\"order.placed\",\"measurements\":{\"total\":\"7.5\"}}"));
var snakepitReader = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), new WorkerContext("node-w", "gpu", "w-1"));
Console.WriteLine("fold " + snakepitReader.Fold("TELEMETRY:{\"event\":\"pool.status\",\"measurements\":{\"available_workers\":0,\"busy_workers\":4,\"queue_depth\":7,\"total_workers\":4}}"));

statsd.Dispose();
statsdDaemon.Client.ReceiveTimeout = 30_000;
System.Net.IPEndPoint? from = null;
foreach (var line in System.Text.Encoding.UTF8.GetString(statsdDaemon.Receive(ref from)).Split('\n'))
{
    Console.WriteLine("statsd " + line);
}

Console.WriteLine("handlers: " + string.Join(" ", TelemetryHub.Default.ListHandlers("shop").Select(h => h.Id)));
Consumer.App.TelemetryHandlers.DetachAll();
TelemetryHub.Default.Detach("consumer-handler");
Console.WriteLine("after detach: " + string.Join(" ", TelemetryHub.Default.ListHandlers().Select(h => h.Id)));
ShopEvents.OrderPlaced(1, "o-2", OrderPlacedChannel.Store);
SnakepitEvents.PoolStatus(1, 3, 99, 4, "default");
Console.WriteLine("orders seen by hand-attached handler: " + handler.Orders);

static string Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
{
    var text = "";
    foreach (var tag in tags)
    {
        text += $" {tag.Key}={tag.Value}";
    }

    return text;
}

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

[TelemetryHandler("consumer-annotated")]
internal sealed partial class AnnotatedHandler : IOrderPlacedHandler
{
    public void Handle(in OrderPlaced e) => Console.WriteLine($"annotated order {e.OrderId}");

    [OnEvent("snakepit.pool.status")]
    private void OnStatus(in PoolStatus e) => Console.WriteLine($"annotated pool queue={e.QueueDepth}");

    [OnEvent("shop.checkout.*")]
    private void OnCheckout<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent => Console.WriteLine("annotated " + e.EventName);

#if TYPO
    [OnEvent("snakepit.pool.stauts")]
    private void OnTypo(in PoolStatus e) { }
#endif
}
