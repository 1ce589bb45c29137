using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C33;

/// <summary>Attaches a lambda handler once, at startup.</summary>
public static class StartupDepthGauge
{
    private static long depth;

    public static long Current => Volatile.Read(ref depth);

    public static void Main()
    {
        TelemetryHub.Default.Attach<PoolStatus>("myapp-depth-gauge", (in PoolStatus e) => Volatile.Write(ref depth, e.QueueDepth));
    }
}
