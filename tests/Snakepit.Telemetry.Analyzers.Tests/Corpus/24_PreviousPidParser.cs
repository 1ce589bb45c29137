using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C24;

/// <summary>Reads a number out of text metadata without ever throwing on bad data.</summary>
[TelemetryHandler("myapp-restart-pids")]
public sealed partial class PreviousPidParser : IPoolWorkerRestartedHandler
{
    private long _last;
    private long _malformed;

    public long Last => Interlocked.Read(ref _last);

    public long Malformed => Interlocked.Read(ref _malformed);

    public void Handle(in PoolWorkerRestarted e)
    {
        if (long.TryParse(e.PreviousPid, out var value))
        {
            Interlocked.Exchange(ref _last, value);
        }
        else
        {
            Interlocked.Increment(ref _malformed);
        }
    }
}
