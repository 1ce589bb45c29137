using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C08;

/// <summary>Counts events with Interlocked: no lock, no allocation, safe from every emitting thread.</summary>
[TelemetryHandler("myapp-gc-counter")]
public sealed partial class GcCounter : IPythonGcCompletedHandler
{
    private long _pythonGcCompleted;
    private long _collected;
    private long _gcTicks;

    public long PythonGcCompletedCount => Interlocked.Read(ref _pythonGcCompleted);
    public TimeSpan TotalGcTime => TimeSpan.FromTicks(Interlocked.Read(ref _gcTicks));

    public void Handle(in PythonGcCompleted e)
    {
        Interlocked.Increment(ref _pythonGcCompleted);
        Interlocked.Add(ref _collected, e.Collected);
        Interlocked.Add(ref _gcTicks, e.Duration.Ticks);
    }
}
