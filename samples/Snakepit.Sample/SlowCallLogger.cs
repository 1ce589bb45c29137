using System;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Sample;

/// <summary>The guide's "myapp-python-logger": warns about Python calls slower than a second.</summary>
[TelemetryHandler("myapp-python-logger")]
public sealed partial class SlowCallLogger
{
    public static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(1000);

    /// <summary>The most recent messages: a handler keeps bounded state.</summary>
    public RecentMessages Warnings { get; } = new(capacity: 20);

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
