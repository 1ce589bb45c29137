using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C13;

/// <summary>Aggregates by a low-cardinality key (pool names, enum values): the dictionary stays small.</summary>
[TelemetryHandler("myapp-queue-depth-by-pool")]
public sealed partial class QueueDepthByPool
{
    private readonly ConcurrentDictionary<string, long> _values = new();

    [OnEvent("snakepit.pool.status")]
    private void Record(in PoolStatus e)
    {
        long value = e.QueueDepth;
        _values.AddOrUpdate(e.PoolName, value, (_, _) => value);
    }

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_values);
}
