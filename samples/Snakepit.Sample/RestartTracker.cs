using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Sample;

/// <summary>The guide's "myapp-restart-tracker": notices workers that restart more than five times.</summary>
[TelemetryHandler("myapp-restart-tracker")]
public sealed partial class RestartTracker
{
    public const long MaxRestarts = 5;

    /// <summary>The most recent messages: a handler keeps bounded state.</summary>
    public RecentMessages Flapping { get; } = new(capacity: 20);

    public int Restarts { get; private set; }

    [OnEvent("snakepit.pool.worker.restarted")]
    private void OnRestarted(in PoolWorkerRestarted e)
    {
        Restarts++;
        if (e.RestartCount > MaxRestarts)
        {
            Flapping.Add($"Worker restarting frequently: worker={e.WorkerId} restart_count={e.RestartCount} reason={e.Reason}");
        }
    }
}
