using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CsCheck;
using MyApp.Telemetry;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// Property runs (CsCheck) of the generated emitters and spans with hostile MeterListener and ActivityListener
/// callbacks beside hostile handlers, with tracing on and off: nothing reaches the emitter, and the emitting thread
/// still nests emits as deep as before. Iterations: SNAKEPIT_PROPERTY_ITERATIONS / 200 (default 100).
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class HostileListenerPropertyTests : IDisposable
{
    private static readonly long Iterations =
        Math.Max(20, (long.TryParse(Environment.GetEnvironmentVariable("SNAKEPIT_PROPERTY_ITERATIONS"), out var n) ? n : 20_000) / 200);

    public enum Callback
    {
        Nothing,
        Throws,
        ThrowsHostile,
        Emits,
    }

    public void Dispose()
    {
        TelemetryHub.Default.DetachAll();
        TelemetryConfiguration.Apply(new TelemetrySettings());
    }

    [Fact]
    public void Hostile_listener_callbacks_never_reach_emitters_or_spans_and_leave_every_guard_restored()
    {
        Gen.Select(Gen.Enum<Callback>(), Gen.Enum<Callback>(), Gen.Enum<Callback>(), Gen.Bool, Gen.Bool, Gen.Int[1, 4])
            .Sample(t => Run(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6), iter: Iterations, threads: 1);
    }

    private static void Run(Callback measurement, Callback activityStarted, Callback activityStopped, bool tracing, bool handler, int emits)
    {
        using var trace = TracingListener.StartIf(tracing);
        using var meters = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == MyappEvents.MeterName)
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((_, _, _, _) => Act(measurement));
        meters.SetMeasurementEventCallback<long>((_, _, _, _) => Act(measurement));
        meters.Start();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MyappEvents.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = _ => Act(activityStarted),
            ActivityStopped = _ => Act(activityStopped),
        };
        ActivitySource.AddActivityListener(activities);
        if (handler)
        {
            TelemetryHub.Default.Attach<RequestStop>("hostile-stop", (in RequestStop e) => throw new HostileException());
        }

        var thrown = Record.Exception(() =>
        {
            for (var i = 0; i < emits; i++)
            {
                using var span = MyappEvents.StartRequest("u", RequestStartRequestType.Predict);
                MyappEvents.CacheLookup(TimeSpan.FromTicks(i), "k", hit: i % 2 == 0, size: i);
                if (i % 2 == 0)
                {
                    span.Stop(RequestStopResult.Success);
                }
                else
                {
                    span.Exception(new HostileException(), "hostile");
                }
            }
        });

        Assert.Null(thrown);
        TelemetryHub.Default.DetachAll();
        NestingProbe.AssertThreadNestsEmits();
    }

    private static void Act(Callback callback)
    {
        switch (callback)
        {
            case Callback.Throws:
                throw new InvalidOperationException("listener");
            case Callback.ThrowsHostile:
                throw new HostileException();
            case Callback.Emits:
#pragma warning disable SNK009 // A hostile listener: it emits from inside the callback.
                MyappEvents.CacheLookup(TimeSpan.FromTicks(1), "again", hit: true);
                using (var span = MyappEvents.StartRequest("again", RequestStartRequestType.Forward))
                {
                    span.Stop(RequestStopResult.Failure);
                }
#pragma warning restore SNK009
                break;
        }
    }
}
