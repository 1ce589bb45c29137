using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C04;

/// <summary>Logs snakepit.session.destroyed events slower than a threshold, through Trace (a non-blocking listener is configured at startup).</summary>
[TelemetryHandler("myapp-session-logger")]
public sealed partial class LongSessionLogger
{
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);

    [OnEvent("snakepit.session.destroyed")]
    private void OnEvent(in SessionDestroyed e)
    {
        if (e.Lifetime <= Threshold)
        {
            return;
        }

        Trace.TraceWarning("slow snakepit.session.destroyed: {0} ms ({1}, {2}) on {3}", e.Lifetime.TotalMilliseconds, e.PoolName, e.Reason, e.Node);
    }
}
