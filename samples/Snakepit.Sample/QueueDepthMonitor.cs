using System.Collections.Generic;
using Snakepit.Telemetry.Events;

namespace Sample;

/// <summary>The guide's "myapp-queue-monitor": flags pools whose queue is too deep.</summary>
public sealed class QueueDepthMonitor : IPoolStatusHandler
{
    private readonly long _maxDepth;

    public QueueDepthMonitor(long maxDepth) => _maxDepth = maxDepth;

    public List<string> Alerts { get; } = new();

    public long DeepestQueue { get; private set; }

    public void Handle(in PoolStatus e)
    {
        if (e.QueueDepth > DeepestQueue)
        {
            DeepestQueue = e.QueueDepth;
        }

        if (e.QueueDepth > _maxDepth)
        {
            Alerts.Add($"High queue depth: pool={e.PoolName} queue_depth={e.QueueDepth} available={e.AvailableWorkers} busy={e.BusyWorkers}");
        }
    }
}
