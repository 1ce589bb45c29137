using System.Collections.Generic;
using Snakepit.Telemetry.Events;

namespace Sample;

/// <summary>The guide's "myapp-restart-tracker": notices workers that restart too often.</summary>
public sealed class RestartTracker : IPoolWorkerRestartedHandler
{
    private readonly long _maxRestarts;

    public RestartTracker(long maxRestarts) => _maxRestarts = maxRestarts;

    public List<string> Flapping { get; } = new();

    public int Restarts { get; private set; }

    public void Handle(in PoolWorkerRestarted e)
    {
        Restarts++;
        if (e.RestartCount > _maxRestarts)
        {
            Flapping.Add($"Worker restarting frequently: worker={e.WorkerId} restart_count={e.RestartCount} reason={e.Reason}");
        }
    }
}
