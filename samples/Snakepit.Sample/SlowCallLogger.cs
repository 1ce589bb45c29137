using System;
using System.Collections.Generic;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Sample;

/// <summary>The guide's "myapp-python-logger": warns about Python calls slower than a second.</summary>
[TelemetryHandler("myapp-python-logger")]
public sealed partial class SlowCallLogger
{
    public static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(1000);

    public List<string> Warnings { get; } = new();

    public long CallsSeen { get; private set; }

    [OnEvent("snakepit.python.call.stop")]
    private void OnCallStop(in PythonCallStop e)
    {
        CallsSeen++;
        if (e.Duration > Threshold)
        {
            Warnings.Add($"Slow Python call: command={e.Command} duration_ms={e.Duration.TotalMilliseconds:F0} worker={e.WorkerId} node={e.Node}");
        }
    }
}
