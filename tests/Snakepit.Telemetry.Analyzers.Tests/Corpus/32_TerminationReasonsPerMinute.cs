using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C32;

/// <summary>Counts per key for the current minute; a timer swaps the table out, so it never outgrows a minute.</summary>
[TelemetryHandler("myapp-termination-reasons")]
public sealed partial class TerminationReasonsPerMinute : IPoolWorkerTerminatedHandler
{
    private ConcurrentDictionary<string, long> _current = new();

    public void Handle(in PoolWorkerTerminated e) => _current.AddOrUpdate(e.Reason, 1, (_, count) => count + 1);

    /// <summary>Called once a minute: returns the finished minute and starts a new one.</summary>
    public IReadOnlyDictionary<string, long> Rotate() => Interlocked.Exchange(ref _current, new ConcurrentDictionary<string, long>());
}
