using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C23;

/// <summary>Reads a number out of text metadata without ever throwing on bad data.</summary>
[TelemetryHandler("myapp-grpc-status")]
public sealed partial class StatusCodeParser : IGrpcCallStopHandler
{
    private long _last;
    private long _malformed;

    public long Last => Interlocked.Read(ref _last);

    public long Malformed => Interlocked.Read(ref _malformed);

    public void Handle(in GrpcCallStop e)
    {
        if (long.TryParse(e.GrpcStatus, out var value))
        {
            Interlocked.Exchange(ref _last, value);
        }
        else
        {
            Interlocked.Increment(ref _malformed);
        }
    }
}
