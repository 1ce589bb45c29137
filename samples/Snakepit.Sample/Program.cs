using System;
using System.Linq;
using Sample;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

// Common metadata first, then every [TelemetryHandler] class of this assembly in one call: the guide's three
// handlers (slow-call logger, queue-depth monitor, restart tracker) and a forwarder of the app's own events.
SnakepitEvents.CommonMetadata.Node = "sample@localhost";
var attached = Snakepit.Sample.TelemetryHandlers.AttachAll();

Console.WriteLine("Attached handlers:");
foreach (var handler in TelemetryHub.Default.ListHandlers())
{
    Console.WriteLine($"  {handler.Id,-24} {string.Join(", ", handler.Events)}");
}

new SimulatedPool("default", size: 4).Run(requests: 100);

var slowCalls = attached.OfType<SlowCallLogger>().Single();
var queueMonitor = attached.OfType<QueueDepthMonitor>().Single();
var restarts = attached.OfType<RestartTracker>().Single();
var forwarder = attached.OfType<EventForwarder>().Single();

Console.WriteLine();
Console.WriteLine($"myapp-python-logger saw {slowCalls.CallsSeen} python.call.stop events, {slowCalls.Warnings.Count} slower than {SlowCallLogger.Threshold.TotalMilliseconds} ms:");
foreach (var warning in slowCalls.Warnings)
{
    Console.WriteLine("  " + warning);
}

Console.WriteLine($"myapp-queue-monitor saw a deepest queue of {queueMonitor.DeepestQueue}, {queueMonitor.Alerts.Count} alerts over {QueueDepthMonitor.MaxDepth}:");
foreach (var alert in queueMonitor.Alerts)
{
    Console.WriteLine("  " + alert);
}

Console.WriteLine($"myapp-restart-tracker saw {restarts.Restarts} restarts, {restarts.Flapping.Count} over {RestartTracker.MaxRestarts}:");
foreach (var flapping in restarts.Flapping)
{
    Console.WriteLine("  " + flapping);
}

Console.WriteLine($"myapp-forwarder received {forwarder.Count} myapp.* events ({forwarder.Summary()}).");

Snakepit.Sample.TelemetryHandlers.DetachAll();
Console.WriteLine($"Detached: {TelemetryHub.Default.ListHandlers().Count} handlers left.");
