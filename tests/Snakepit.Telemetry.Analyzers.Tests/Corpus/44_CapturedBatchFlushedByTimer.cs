using System;
using System.Collections.Generic;
using System.Threading;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C44;

/// <summary>A lambda handler batching into captured locals that a timer, started once with it, flushes.</summary>
public static class CapturedBatchFlushedByTimer
{
    private static Timer? flusher;

    public static void Main()
    {
        var batch = new List<string>();
        var window = new Queue<TimeSpan>();
        TelemetryHub.Default.Attach<PythonCallStop>("myapp-batcher", (in PythonCallStop e) =>
        {
            lock (batch)
            {
                batch.Add(e.Command);
                window.Enqueue(e.Duration);
                if (window.Count > 256)
                {
                    window.Dequeue();
                }
            }
        });

        flusher = new Timer(_ =>
        {
            lock (batch)
            {
                Console.WriteLine(string.Join(",", batch));
                batch.Clear();
            }
        }, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
    }
}
