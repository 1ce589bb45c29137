using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using MyApp.Telemetry;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// MeterListener and ActivityListener callbacks are user code the emitters call: whatever they throw, and however they
/// emit, nothing reaches the emitter, recursion stops, and the failure is reported once a minute per event.
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class ListenerIsolationTests : IDisposable
{
    private readonly FailureRecorder _failures = new();

    public ListenerIsolationTests()
    {
        // Reports are limited to one a minute per listener and event, process-wide: each test starts afresh.
        TelemetryListeners.ForgetReports();
        TelemetryHub.Default.Attach("listener-failures", _failures);
    }

    public void Dispose() => TelemetryHub.Default.DetachAll();

    [Fact]
    public void A_measurement_callback_that_throws_never_reaches_the_emitter_and_is_reported_once_with_tracing_on()
    {
        using var trace = new TracingListener();
        using var listener = Listen(MyappEvents.MeterName, "myapp.job.done.score", (_, _) => throw new HostileException());
        var jobs = 0;
        TelemetryHub.Default.Attach<JobDone>("jobs", (in JobDone e) => jobs++);

        var thrown = Record.Exception(() =>
        {
            for (var i = 0; i < 3; i++)
            {
                MyappEvents.JobDone(1.5, 2, JobDonePriority.High, retried: false, queue: "q-" + i);
            }
        });

        Assert.Null(thrown);
        Assert.Equal(3, jobs);
        var failure = Assert.Single(_failures.Failures, f => f.HandlerId == TelemetryListeners.MeterListenerId);
        Assert.Equal((JobDone.Name, false), (failure.FailedEventName, failure.Detached));
        Assert.Contains("could not be read", failure.ExceptionMessage);
    }

    [Fact]
    public void A_measurement_callback_that_throws_never_reaches_the_emitter_with_tracing_off()
    {
        using var listener = Listen(MyappEvents.MeterName, "myapp.request.stop.count", (_, _) => throw new HostileException());

        var thrown = Record.Exception(() => MyappEvents.RequestStop(TimeSpan.FromTicks(1), "u", RequestStopRequestType.Predict, RequestStopResult.Success));

        Assert.Null(thrown);
        Assert.Equal(RequestStop.Name, Assert.Single(_failures.Failures, f => f.HandlerId == TelemetryListeners.MeterListenerId).FailedEventName);
    }

    [Fact]
    public void A_measurement_callback_that_emits_what_it_records_is_cut_off_and_reported_not_a_stack_overflow()
    {
        var recorded = 0;
        using var listener = Listen(MyappEvents.MeterName, "myapp.cache.lookup.latency", (_, _) =>
        {
            recorded++;
#pragma warning disable SNK009 // On purpose: a listener that emits what it records.
            MyappEvents.CacheLookup(TimeSpan.FromTicks(1), "k", hit: true);
#pragma warning restore SNK009
        });

        MyappEvents.CacheLookup(TimeSpan.FromTicks(1), "k", hit: true);

        Assert.InRange(recorded, 1, 32);
        var failure = Assert.Single(_failures.Failures, f => f.HandlerId == TelemetryListeners.MeterListenerId);
        Assert.IsType<TelemetryRecursionException>(failure.Exception);
        Assert.Equal(CacheLookup.Name, failure.FailedEventName);
    }

    [Fact]
    public void An_activity_callback_that_starts_the_span_again_is_cut_off_and_reported_not_a_stack_overflow()
    {
        var starts = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MyappEvents.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = _ =>
            {
                starts++;
                if (starts < 100)
                {
                    // Starts the span again from inside the start: recursion, stopped after 32 levels.
                    MyappEvents.StartRequest("again", RequestStartRequestType.Forward).Stop(RequestStopResult.Success);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var thrown = Record.Exception(() => MyappEvents.StartRequest("u", RequestStartRequestType.Predict).Stop(RequestStopResult.Success));

        Assert.Null(thrown);
        Assert.InRange(starts, 1, 33);
        var failure = Assert.Single(_failures.Failures, f => f.HandlerId == TelemetryListeners.ActivityListenerId);
        Assert.IsType<TelemetryRecursionException>(failure.Exception);
        Assert.Equal("myapp.request", failure.FailedEventName);
    }

    [Fact]
    public void A_stop_callback_that_starts_and_stops_the_span_again_is_cut_off_not_a_stack_overflow()
    {
        var stops = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MyappEvents.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ =>
            {
                stops++;
                MyappEvents.StartRequest("again", RequestStartRequestType.Forward).Stop(RequestStopResult.Success);
            },
        };
        ActivitySource.AddActivityListener(listener);

        var thrown = Record.Exception(() => MyappEvents.StartRequest("u", RequestStartRequestType.Predict).Stop(RequestStopResult.Success));

        Assert.Null(thrown);
        Assert.InRange(stops, 1, 64);
        Assert.Null(Activity.Current);
        Assert.Contains(_failures.Failures, f => f.HandlerId == TelemetryListeners.ActivityListenerId && f.Exception is TelemetryRecursionException);
    }

    [Fact]
    public void Activity_callbacks_that_throw_never_reach_the_span_and_are_reported()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Snakepit.Telemetry.Events.SnakepitEvents.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => throw new HostileException(),
        };
        ActivitySource.AddActivityListener(listener);

        var thrown = Record.Exception(() =>
        {
            var span = Snakepit.Telemetry.Events.SnakepitEvents.StartGrpcCall("w", "Predict", "c");
            Assert.NotNull(span.Activity);
            span.Exception(new HostileException(), "UNAVAILABLE", "worker gone");
        });

        Assert.Null(thrown);
        var failure = Assert.Single(_failures.Failures, f => f.HandlerId == TelemetryListeners.ActivityListenerId);
        Assert.Equal(("snakepit.grpc.call", false), (failure.FailedEventName, failure.Detached));
    }

    [Fact]
    public void A_decoded_line_whose_metric_listener_throws_is_folded_not_counted_as_invalid_utf8()
    {
        using var listener = Listen(MyappEvents.MeterName, "myapp.request.exception.count", (_, _) => throw new InvalidOperationException("listener"));
        var reader = new WorkerTelemetryReader(new MyappEvents.Decoder(), new WorkerContext("n", "p", "w"));

        var result = reader.Fold("TELEMETRY:{\"event\":\"request.exception\",\"measurements\":{\"duration\":5},\"metadata\":{\"user_id\":\"u\",\"error\":\"e\"}}");

        Assert.Equal(FoldResult.Folded, result);
        Assert.Equal(0, reader.Count(FoldResult.InvalidUtf8));
    }

    private static MeterListener Listen(string meter, string instrument, Action<Instrument, double> onMeasurement)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == meter && i.Name == instrument)
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((i, value, _, _) => onMeasurement(i, value));
        listener.SetMeasurementEventCallback<long>((i, value, _, _) => onMeasurement(i, value));
        listener.Start();
        return listener;
    }
}
