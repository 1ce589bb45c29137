using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C36;

/// <summary>Attaches a lambda handler once, at startup.</summary>
public static class StartupTimeoutCounter
{
    private static long depth;

    public static long Current => Volatile.Read(ref depth);

    public static void Main()
    {
        TelemetryHub.Default.Attach<PoolQueueTimeout>("myapp-timeout-counter", (in PoolQueueTimeout e) => Interlocked.Increment(ref depth));
    }
}
