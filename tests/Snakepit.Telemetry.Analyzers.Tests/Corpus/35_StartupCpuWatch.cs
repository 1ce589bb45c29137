using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C35;

/// <summary>Attaches a lambda handler once, at startup.</summary>
public static class StartupCpuWatch
{
    private static long depth;

    public static long Current => Volatile.Read(ref depth);

    public static void Main()
    {
        TelemetryHub.Default.Attach<PythonCpuSampled>("myapp-cpu-watch", (in PythonCpuSampled e) => Volatile.Write(ref depth, (long)e.CpuPercent));
    }
}
