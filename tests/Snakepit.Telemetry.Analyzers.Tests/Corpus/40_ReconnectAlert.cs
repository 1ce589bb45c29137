using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C40;

/// <summary>The channel alerts go to (a pager, a chat webhook queue...): it only enqueues.</summary>
public interface IAlertQueue
{
    void Enqueue(string message);
}

/// <summary>Raises an alert at most once a minute, whatever the event rate.</summary>
[TelemetryHandler("myapp-reconnect-alert")]
public sealed partial class ReconnectAlert : IGrpcConnectionReconnectedHandler
{
    private static readonly long MinimumGap = Stopwatch.Frequency * 60;
    private readonly IAlertQueue _alerts;
    private long _lastAlert = -MinimumGap;

    public ReconnectAlert(IAlertQueue alerts) => _alerts = alerts;

    public void Handle(in GrpcConnectionReconnected e)
    {
        if (!(e.RetryCount > 3))
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastAlert);
        if (now - last >= MinimumGap && Interlocked.CompareExchange(ref _lastAlert, now, last) == last)
        {
            _alerts.Enqueue($"worker {e.WorkerId} reconnected after {e.RetryCount} retries");
        }
    }
}
