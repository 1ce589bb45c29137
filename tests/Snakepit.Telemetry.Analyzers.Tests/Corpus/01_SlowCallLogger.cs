using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C01;

/// <summary>Logs snakepit.python.call.stop events slower than a threshold, through Trace (a non-blocking listener is configured at startup).</summary>
[TelemetryHandler("myapp-python-logger")]
public sealed partial class SlowCallLogger
{
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);

    [OnEvent("snakepit.python.call.stop")]
    private void OnEvent(in PythonCallStop e)
    {
        if (e.Duration <= Threshold)
        {
            return;
        }

        Trace.TraceWarning("slow snakepit.python.call.stop: {0} ms ({1}, {2}) on {3}", e.Duration.TotalMilliseconds, e.Command, e.WorkerId, e.Node);
    }
}
