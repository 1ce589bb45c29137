using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C21;

/// <summary>Reads a number out of text metadata without ever throwing on bad data.</summary>
[TelemetryHandler("myapp-pid-parser")]
public sealed partial class PortParser : IPoolWorkerSpawnedHandler
{
    private long _last;
    private long _malformed;

    public long Last => Interlocked.Read(ref _last);

    public long Malformed => Interlocked.Read(ref _malformed);

    public void Handle(in PoolWorkerSpawned e)
    {
        if (long.TryParse(e.WorkerPid, out var value))
        {
            Interlocked.Exchange(ref _last, value);
        }
        else
        {
            Interlocked.Increment(ref _malformed);
        }
    }
}
