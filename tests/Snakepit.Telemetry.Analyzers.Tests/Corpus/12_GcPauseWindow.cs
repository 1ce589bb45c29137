using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C12;

/// <summary>Keeps the last 128 samples to compute a p95 on demand: a bounded window.</summary>
[TelemetryHandler("myapp-gc-pause-window")]
public sealed partial class GcPauseWindow : IPythonGcCompletedHandler
{
    private const int Capacity = 128;
    private readonly object _gate = new();
    private readonly Queue<TimeSpan> _samples = new(Capacity);

    public void Handle(in PythonGcCompleted e)
    {
        var sample = e.Duration;
        lock (_gate)
        {
            if (_samples.Count == Capacity)
            {
                _samples.Dequeue();
            }

            _samples.Enqueue(sample);
        }
    }

    public TimeSpan P95()
    {
        TimeSpan[] copy;
        lock (_gate)
        {
            copy = _samples.ToArray();
        }

        if (copy.Length == 0)
        {
            return TimeSpan.Zero;
        }

        Array.Sort(copy);
        return copy[(int)Math.Min(copy.Length - 1, Math.Ceiling(copy.Length * 0.95) - 1)];
    }
}
