using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C03;

/// <summary>Logs snakepit.pool.queue.dequeued events slower than a threshold, through Trace (a non-blocking listener is configured at startup).</summary>
[TelemetryHandler("myapp-queue-wait-logger")]
public sealed partial class QueueWaitLogger
{
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);

    [OnEvent("snakepit.pool.queue.dequeued")]
    private void OnEvent(in PoolQueueDequeued e)
    {
        if (e.QueueTime <= Threshold)
        {
            return;
        }

        Trace.TraceWarning("slow snakepit.pool.queue.dequeued: {0} ms ({1}, {2}) on {3}", e.QueueTime.TotalMilliseconds, e.PoolName, e.WorkerId, e.Node);
    }
}
