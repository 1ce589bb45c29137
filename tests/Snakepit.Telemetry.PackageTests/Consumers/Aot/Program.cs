using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using Shop.Telemetry;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;
using Snakepit.Telemetry.Testing;

if (args.Length > 0 && args[0] == "--bench")
{
    Bench.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}

ShopEvents.CommonMetadata.Node = "aot-node";
SnakepitEvents.CommonMetadata.Node = "aot-node";

// Metrics and traces, as OpenTelemetry would read them.
using var meters = new MeterListener
{
    InstrumentPublished = (instrument, listener) =>
    {
        if (instrument.Meter.Name is ShopEvents.MeterName or SnakepitEvents.MeterName)
        {
            listener.EnableMeasurementEvents(instrument);
        }
    },
};
meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Out.Line($"metric {instrument.Name} {(instrument.Unit == "ms" ? "(ms)" : value.ToString(System.Globalization.CultureInfo.InvariantCulture))}{Out.Tags(tags)}"));
meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Out.Line($"metric {instrument.Name} {value}{Out.Tags(tags)}"));
meters.Start();
using var activities = new ActivityListener
{
    ShouldListenTo = source => source.Name is ShopEvents.ActivitySourceName or SnakepitEvents.ActivitySourceName or "consumer",
    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    ActivityStopped = activity => Out.Line($"activity {activity.OperationName} {activity.Status} events=[{string.Join(",", activity.Events.Select(e => e.Name))}] parent={(activity.Parent is null ? "none" : activity.Parent.OperationName)}"),
};
ActivitySource.AddActivityListener(activities);

// 1. Typed handler interfaces of both catalogs, attached by hand.
TelemetryHub.Default.Attach("typed", new Typed());
// 2. A generic handler for a prefix.
TelemetryHub.Default.Attach("generic", new Forwarder(), "shop.checkout.*");
// 3. A lambda.
TelemetryHub.Default.Attach<PoolStatus>("lambda", (in PoolStatus e) => Out.Line($"lambda pool queue={e.QueueDepth}"));
// 4. The builder with background dispatch.
var background = new List<string>();
TelemetryHub.Default.Attach(new TelemetryHandlerBuilder("background", background)
    .WithDispatch(TelemetryDispatchMode.Background, 16)
    .On<OrderPlaced>((in OrderPlaced e) => { lock (background) { background.Add(e.OrderId); } }));
// 5. Annotated classes, all at once.
var annotated = Consumer.Aot.TelemetryHandlers.AttachAll();
// 6. Failure isolation: a handler that throws is detached and reported.
TelemetryHub.Default.Attach("failures", new FailureLogger());
#pragma warning disable SNK002 // The failure is the point: the hub must detach this handler and report it.
TelemetryHub.Default.Attach<OrderPlaced>("thrower", (in OrderPlaced e) => throw new InvalidOperationException("boom " + e.OrderId));
#pragma warning restore SNK002

// 7. ListHandlers.
foreach (var handler in TelemetryHub.Default.ListHandlers().OrderBy(h => h.Id, StringComparer.Ordinal))
{
    Out.Line($"handler {handler.Id} {handler.DispatchMode} [{string.Join(",", handler.Events.OrderBy(e => e, StringComparer.Ordinal))}]");
}

// The testing kit's recorder, and the configuration's exclusions and diagnosis.
using var recorder = TelemetryRecorder.Start();
var settings = new TelemetrySettings();
settings.Exclude.Add("snakepit.session.*");
TelemetryConfiguration.Apply(settings);
SnakepitEvents.SessionCreated(DateTimeOffset.UtcNow, "s-1", "default");
Out.Line("diagnose " + TelemetryHub.Default.Diagnose("snakepit.session.created"));

// Events, spans, and a span under another activity with an exception.
ShopEvents.OrderPlaced(42.5, "o-1", OrderPlacedChannel.Web);
ShopEvents.OrderPlaced(7, "o-2", OrderPlacedChannel.Store);
ShopEvents.StartCheckout("cart-1").Stop();
using (var outer = new ActivitySource("consumer").StartActivity("request"))
{
    var checkout = ShopEvents.StartCheckout("cart-2");
    try
    {
        throw new TimeoutException("payment timed out");
    }
    catch (TimeoutException ex)
    {
        checkout.Exception(ex, "timeout");
    }
}

SnakepitEvents.PoolStatus(1, 3, 12, 4, "default");

// A Python worker's lines, folded by both catalogs' generated decoders (Utf8JsonReader, no reflection).
var shopWorker = new WorkerTelemetryReader(new ShopEvents.Decoder(), new WorkerContext("py-node", "default", "w-9"));
var snakepitWorker = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), new WorkerContext("py-node", "gpu", "w-9"));
Out.Line("fold " + shopWorker.Fold("TELEMETRY:{\"event\":\"order.placed\",\"measurements\":{\"total\":3.5},\"metadata\":{\"order_id\":\"o-py\",\"channel\":\"web\",\"node\":\"liar\"}}"));
Out.Line("fold " + snakepitWorker.Fold("TELEMETRY:{\"event\":\"pool.status\",\"measurements\":{\"available_workers\":0,\"busy_workers\":4,\"queue_depth\":5,\"total_workers\":4}}"));
Out.Line("fold " + snakepitWorker.Fold("TELEMETRY:{\"event\":\"pool.status\",\"measurements\":{\"available_workers\":NaN}}"));

SnakepitEvents.StartPythonCall("default", "w-1", "predict", "c-1").Stop(PythonCallStopResult.Success);
Out.Line($"background drained={TelemetryHub.Default.WaitForBackgroundHandler("background", TimeSpan.FromSeconds(30))} orders=[{string.Join(",", background)}]");
Out.Line($"thrower attached={TelemetryHub.Default.ListHandlers().Any(h => h.Id == "thrower")}");
Out.Line($"annotated {string.Join(",", annotated.Select(h => h.HandlerId))}");
Out.Line($"recorded {string.Join(",", recorder.Names.Distinct())}");
Out.Line($"recorded order o-1 total={recorder.All<OrderPlaced>().First().Total}");
Consumer.Aot.TelemetryHandlers.DetachAll();
TelemetryHub.Default.DetachAll();
Out.Line($"after detach: {TelemetryHub.Default.ListHandlers().Count} handlers");

internal static class Out
{
    public static void Line(string text) => Console.WriteLine(text);

    public static string Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = "";
        foreach (var tag in tags)
        {
            text += $" {tag.Key}={tag.Value}";
        }

        return text;
    }
}

internal sealed class Typed : IOrderPlacedHandler, IPoolStatusHandler, ICheckoutStopHandler
{
    public void Handle(in OrderPlaced e) => Out.Line($"typed order {e.OrderId} {e.Total} {e.Channel} node={e.Node}");

    public void Handle(in PoolStatus e) => Out.Line($"typed pool {e.PoolName} queue={e.QueueDepth}");

    public void Handle(in CheckoutStop e) => Out.Line($"typed checkout {e.CartId} measured={e.Duration >= TimeSpan.Zero}");
}

internal sealed class Forwarder : ITelemetryHandler
{
    public void Handle<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent => Out.Line($"generic {e.EventName} fields={e.MeasurementCount + e.MetadataCount}");
}

internal sealed class FailureLogger : ITelemetryHandlerFailureHandler
{
    public void Handle(in TelemetryHandlerFailure e) => Out.Line($"failure {e.HandlerId} {e.FailedEventName} {e.Exception.GetType().Name}: {e.Exception.Message}");
}

[TelemetryHandler("annotated-python")]
internal sealed partial class PythonCalls
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) => Out.Line($"annotated python {e.Command} {e.Result}");

    [OnEvent("snakepit.python.*")]
    private void OnPython<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent => Out.Line("annotated generic " + e.EventName);
}

[TelemetryHandler("annotated-background", Dispatch = TelemetryDispatchMode.Background)]
internal sealed partial class SlowOrders : IOrderPlacedHandler
{
    public void Handle(in OrderPlaced e)
    {
    }
}
