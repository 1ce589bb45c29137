using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C05;

/// <summary>Counts events with Interlocked: no lock, no allocation, safe from every emitting thread.</summary>
[TelemetryHandler("myapp-worker-counter")]
public sealed partial class WorkerLifecycleCounter : IPoolWorkerSpawnedHandler, IPoolWorkerTerminatedHandler
{
    private long _poolWorkerSpawned;
    private long _poolWorkerTerminated;

    public long PoolWorkerSpawnedCount => Interlocked.Read(ref _poolWorkerSpawned);
    public long PoolWorkerTerminatedCount => Interlocked.Read(ref _poolWorkerTerminated);

    public void Handle(in PoolWorkerSpawned e) => Interlocked.Increment(ref _poolWorkerSpawned);
    public void Handle(in PoolWorkerTerminated e) => Interlocked.Increment(ref _poolWorkerTerminated);
}
