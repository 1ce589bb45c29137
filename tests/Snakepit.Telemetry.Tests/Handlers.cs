using System;
using System.Collections.Generic;
using MyApp.Telemetry;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Snakepit.Telemetry.Tests;

/// <summary>Records what it receives.</summary>
internal sealed class RecordingHandler : IPythonCallStopHandler, IPoolStatusHandler, ICacheLookupHandler
{
    public List<string> Seen { get; } = new();

    public void Handle(in PythonCallStop e) => Seen.Add($"stop {e.Command} {e.Duration.TotalMilliseconds} {e.Result}");

    public void Handle(in PoolStatus e) => Seen.Add($"status {e.PoolName} {e.QueueDepth}");

    public void Handle(in CacheLookup e) => Seen.Add($"cache {e.Key} {e.Hit}");
}

/// <summary>Counts events without allocating.</summary>
internal sealed class CountingHandler : IPythonCallStopHandler, ICacheLookupHandler
{
    public long Count;
    public long TotalTicks;

    public void Handle(in PythonCallStop e)
    {
        Count++;
        TotalTicks += e.Duration.Ticks;
    }

    public void Handle(in CacheLookup e)
    {
        Count++;
        TotalTicks += e.Latency.Ticks;
    }
}

/// <summary>A generic handler that reads every field of any event through ITelemetryEvent.</summary>
internal sealed class GenericRecorder : ITelemetryHandler
{
    public List<string> Seen { get; } = new();

    public void Handle<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent => Seen.Add(TelemetryEventFormatter.Format(e));
}

/// <summary>A generic handler that sums numeric measurements, allocation-free.</summary>
internal sealed class GenericSummer : ITelemetryHandler
{
    public double Sum;
    public int Events;

    public void Handle<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent
    {
        Events++;
        for (var i = 0; i < e.MeasurementCount; i++)
        {
            if (e.GetMeasurement(i).Value.TryGetNumber(out var number))
            {
                Sum += number;
            }
        }

        for (var i = 0; i < e.MetadataCount; i++)
        {
            _ = e.GetMetadata(i).Value;
        }
    }
}

/// <summary>Throws on every event.</summary>
internal sealed class ThrowingHandler : IPythonCallStopHandler
{
    public int Calls;

    public void Handle(in PythonCallStop e)
    {
        Calls++;
        throw new InvalidOperationException("boom");
    }
}

/// <summary>Records handler failures; tests wait for them with <see cref="WaitFor"/>, a handshake rather than a poll.</summary>
internal sealed class FailureRecorder : ITelemetryHandlerFailureHandler
{
    public List<TelemetryHandlerFailure> Failures { get; } = new();

    public void Handle(in TelemetryHandlerFailure e)
    {
        lock (Failures)
        {
            Failures.Add(e);
            System.Threading.Monitor.PulseAll(Failures);
        }
    }

    /// <summary>Waits until <paramref name="count"/> failures were recorded (30 s at most) and returns them.</summary>
    public TelemetryHandlerFailure[] WaitFor(int count = 1)
    {
        lock (Failures)
        {
            while (Failures.Count < count)
            {
                if (!System.Threading.Monitor.Wait(Failures, TimeSpan.FromSeconds(30)))
                {
                    throw new TimeoutException($"expected {count} handler failure(s), saw {Failures.Count}");
                }
            }

            return Failures.ToArray();
        }
    }
}

/// <summary>Implements a handler interface explicitly.</summary>
internal sealed class ExplicitHandler : IPoolStatusHandler
{
    public int Calls;

    void IPoolStatusHandler.Handle(in PoolStatus e) => Calls++;
}

internal static class Events
{
    public static PythonCallStop Stop(string command = "predict", double ms = 5) =>
        new(TimeSpan.FromMilliseconds(ms), "default", "w-1", command, "c-1", PythonCallStopResult.Success);

    public static PoolStatus Status(long queueDepth = 3) => new(2, 1, queueDepth, 3, "default");

    public static CacheLookup Lookup(string key = "k", bool hit = true) => new(TimeSpan.FromTicks(10), key, hit);
}
