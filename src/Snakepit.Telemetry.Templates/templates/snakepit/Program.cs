using System;
using System.Linq;
using SnakepitStarter;
using SnakepitStarter.Telemetry;

// Every [TelemetryHandler] class of this assembly, created and attached in one call.
var handlers = TelemetryHandlers.AttachAll();
var monitor = handlers.OfType<JobMonitor>().Single();

var runner = new JobRunner();
runner.Run("job-1", JobKind.Predict);
runner.Run("job-2", JobKind.Embed);
runner.Run("job-3-bad", JobKind.Predict);

Console.WriteLine($"{monitor.Started} jobs started, {monitor.Succeeded} succeeded, {monitor.Failed} failed");

TelemetryHandlers.DetachAll();
