using System;
using Sample;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

// The guide's three handlers, attached at startup as typed handler classes.
var slowCalls = new SlowCallLogger(threshold: TimeSpan.FromMilliseconds(1000));
var queueMonitor = new QueueDepthMonitor(maxDepth: 50);
var restarts = new RestartTracker(maxRestarts: 5);

var hub = TelemetryHub.Default;
SnakepitEvents.CommonMetadata.Node = "sample@localhost";
hub.Attach("myapp-python-logger", slowCalls);
hub.Attach("myapp-queue-monitor", queueMonitor);
hub.Attach("myapp-restart-tracker", restarts);

// A forwarder sees every event of the application's own catalog through the generic handler path.
var forwarder = new CountingForwarder();
hub.Attach("myapp-forwarder", forwarder, "myapp.*");

Console.WriteLine("Attached handlers:");
foreach (var handler in hub.ListHandlers())
{
    Console.WriteLine($"  {handler.Id,-24} {string.Join(", ", handler.Events)}");
}

new SimulatedPool("default", size: 4).Run(requests: 100);

Console.WriteLine();
Console.WriteLine($"myapp-python-logger saw {slowCalls.CallsSeen} python.call.stop events, {slowCalls.Warnings.Count} slow:");
foreach (var warning in slowCalls.Warnings)
{
    Console.WriteLine("  " + warning);
}

Console.WriteLine($"myapp-queue-monitor saw a deepest queue of {queueMonitor.DeepestQueue}, {queueMonitor.Alerts.Count} alerts:");
foreach (var alert in queueMonitor.Alerts)
{
    Console.WriteLine("  " + alert);
}

Console.WriteLine($"myapp-restart-tracker saw {restarts.Restarts} restarts, {restarts.Flapping.Count} over the limit:");
foreach (var flapping in restarts.Flapping)
{
    Console.WriteLine("  " + flapping);
}

Console.WriteLine($"myapp-forwarder received {forwarder.Count} myapp.* events ({forwarder.Summary()}).");

foreach (var handler in hub.ListHandlers())
{
    hub.Detach(handler.Id);
}

/// <summary>A generic handler: counts events per name without knowing their types.</summary>
internal sealed class CountingForwarder : ITelemetryHandler
{
    private readonly System.Collections.Generic.SortedDictionary<string, int> _byName = new();

    public int Count { get; private set; }

    public void Handle<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent
    {
        Count++;
        _byName[e.EventName] = _byName.TryGetValue(e.EventName, out var n) ? n + 1 : 1;
    }

    public string Summary() => string.Join(", ", System.Linq.Enumerable.Select(_byName, p => $"{p.Key}: {p.Value}"));
}
