using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C06;

/// <summary>Counts events with Interlocked: no lock, no allocation, safe from every emitting thread.</summary>
[TelemetryHandler("myapp-stream-bytes")]
public sealed partial class StreamBytesCounter : IGrpcStreamMessageHandler
{
    private long _grpcStreamMessage;
    private long _bytes;

    public long GrpcStreamMessageCount => Interlocked.Read(ref _grpcStreamMessage);
    public long Bytes => Interlocked.Read(ref _bytes);

    public void Handle(in GrpcStreamMessage e)
    {
        Interlocked.Increment(ref _grpcStreamMessage);
        Interlocked.Add(ref _bytes, e.MessageSize);
    }
}
