using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C15;

/// <summary>Aggregates by a low-cardinality key (pool names, enum values): the dictionary stays small.</summary>
[TelemetryHandler("myapp-spawns-by-mode")]
public sealed partial class SpawnsByMode
{
    private readonly ConcurrentDictionary<WorkerMode, long> _values = new();

    [OnEvent("snakepit.pool.worker.spawned")]
    private void Record(in PoolWorkerSpawned e)
    {
        long value = 1;
        _values.AddOrUpdate(e.Mode, value, (_, count) => count + 1);
    }

    public IReadOnlyDictionary<WorkerMode, long> Snapshot() => new Dictionary<WorkerMode, long>(_values);
}
