using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C34;

/// <summary>Attaches a lambda handler once, at startup.</summary>
public static class StartupMemoryGauge
{
    private static long depth;

    public static long Current => Volatile.Read(ref depth);

    public static void Main()
    {
        TelemetryHub.Default.Attach<PythonMemorySampled>("myapp-memory-gauge", (in PythonMemorySampled e) => Volatile.Write(ref depth, e.RssBytes));
    }
}
