using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C02;

/// <summary>Logs snakepit.grpc.call.stop events slower than a threshold, through Trace (a non-blocking listener is configured at startup).</summary>
[TelemetryHandler("myapp-grpc-logger")]
public sealed partial class SlowGrpcLogger
{
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);

    [OnEvent("snakepit.grpc.call.stop")]
    private void OnEvent(in GrpcCallStop e)
    {
        if (e.Duration <= Threshold)
        {
            return;
        }

        Trace.TraceWarning("slow snakepit.grpc.call.stop: {0} ms ({1}, {2}) on {3}", e.Duration.TotalMilliseconds, e.RpcMethod, e.GrpcStatus, e.Node);
    }
}
