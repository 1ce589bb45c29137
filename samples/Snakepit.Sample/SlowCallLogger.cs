using System;
using System.Collections.Generic;
using Snakepit.Telemetry.Events;

namespace Sample;

/// <summary>The guide's "myapp-python-logger": warns about Python calls slower than a threshold.</summary>
public sealed class SlowCallLogger : IPythonCallStopHandler
{
    private readonly TimeSpan _threshold;

    public SlowCallLogger(TimeSpan threshold) => _threshold = threshold;

    public List<string> Warnings { get; } = new();

    public long CallsSeen { get; private set; }

    public void Handle(in PythonCallStop e)
    {
        CallsSeen++;
        if (e.Duration > _threshold)
        {
            Warnings.Add($"Slow Python call: command={e.Command} duration_ms={e.Duration.TotalMilliseconds:F0} worker={e.WorkerId} node={e.Node}");
        }
    }
}
