using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C07;

/// <summary>Counts events with Interlocked: no lock, no allocation, safe from every emitting thread.</summary>
[TelemetryHandler("myapp-connection-counter")]
public sealed partial class ConnectionLossCounter : IGrpcConnectionLostHandler, IGrpcConnectionReconnectedHandler
{
    private long _grpcConnectionLost;
    private long _grpcConnectionReconnected;

    public long GrpcConnectionLostCount => Interlocked.Read(ref _grpcConnectionLost);
    public long GrpcConnectionReconnectedCount => Interlocked.Read(ref _grpcConnectionReconnected);

    public void Handle(in GrpcConnectionLost e) => Interlocked.Increment(ref _grpcConnectionLost);
    public void Handle(in GrpcConnectionReconnected e) => Interlocked.Increment(ref _grpcConnectionReconnected);
}
