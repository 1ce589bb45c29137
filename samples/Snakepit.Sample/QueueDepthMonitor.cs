using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Sample;

/// <summary>The guide's "myapp-queue-monitor": flags pools whose queue is deeper than 50.</summary>
[TelemetryHandler("myapp-queue-monitor")]
public sealed partial class QueueDepthMonitor : IPoolStatusHandler
{
    public const long MaxDepth = 50;

    /// <summary>The most recent messages: a handler keeps bounded state.</summary>
    public RecentMessages Alerts { get; } = new(capacity: 20);

    public long DeepestQueue { get; private set; }

    public void Handle(in PoolStatus e)
    {
        if (e.QueueDepth > DeepestQueue)
        {
            DeepestQueue = e.QueueDepth;
        }

        if (e.QueueDepth > MaxDepth)
        {
            Alerts.Add($"High queue depth: pool={e.PoolName} queue_depth={e.QueueDepth} available={e.AvailableWorkers} busy={e.BusyWorkers}");
        }
    }
}
