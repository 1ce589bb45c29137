using System;
using Snakepit.Telemetry;
using SnakepitStarter.Telemetry;

namespace SnakepitStarter;

/// <summary>
/// A handler: the generator wires its [OnEvent] methods, and TelemetryHandlers.AttachAll() attaches it.
/// Handlers run on the emitting thread: keep them quick, never blocking, and their state bounded.
/// </summary>
[TelemetryHandler("starterapp-job-monitor")]
public sealed partial class JobMonitor
{
    public long Started { get; private set; }

    public long Succeeded { get; private set; }

    public long Failed { get; private set; }

    [OnEvent("starterapp.job.start")]
    private void OnStart(in JobStart e)
    {
        Started++;
        Console.WriteLine($"{JobStart.Name} {e.JobId} kind={StarterappEvents.ToCatalogValue(e.Kind)}");
    }

    [OnEvent("starterapp.job.stop")]
    private void OnStop(in JobStop e)
    {
        if (e.Succeeded)
        {
            Succeeded++;
        }
        else
        {
            Failed++;
        }

        Console.WriteLine($"{JobStop.Name} {e.JobId} succeeded={e.Succeeded} duration_ms={e.Duration.TotalMilliseconds:F1}");
    }
}
