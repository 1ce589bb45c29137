using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Linq;
using MyApp.Telemetry;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// Spans decide when they start whether anything observes them: an unobserved span reads no clock and its end emits
/// nothing. And spans are disposable: <c>using</c> ends nothing twice, and a span disposed while running is reported.
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class SpanObservationTests : IDisposable
{
    public void Dispose() => TelemetryHub.Default.DetachAll();

    [Fact]
    public void A_span_nothing_observes_reads_no_clock_and_a_handler_attached_meanwhile_does_not_see_its_end()
    {
        var span = MyappEvents.StartRequest(userId: "u", requestType: RequestStartRequestType.Predict);

        Assert.True(span.IsRunning);
        Assert.False(span.IsObserved);
        Assert.Equal(TimeSpan.Zero, span.Elapsed);
        var stops = 0;
        TelemetryHub.Default.Attach<RequestStop>("late-stops", (in RequestStop e) => stops++);
        span.Stop(RequestStopResult.Success);
        Assert.False(span.IsRunning);
        Assert.Equal(0, stops);

        // The next span is observed from its start: its end arrives, with its duration.
        var observed = MyappEvents.StartRequest(userId: "u", requestType: RequestStartRequestType.Predict);
        Assert.True(observed.IsObserved);
        observed.Stop(RequestStopResult.Success);
        Assert.Equal(1, stops);
    }

    [Fact]
    public void A_handler_of_the_end_a_listened_instrument_or_an_activity_listener_each_makes_a_span_observed()
    {
        using (var stops = new Attached<RequestStop>("stop-handler"))
        {
            Assert.True(MyappEvents.StartRequest("u", RequestStartRequestType.Predict).IsObserved);
        }

        Assert.False(MyappEvents.StartRequest("u", RequestStartRequestType.Predict).IsObserved);
        using (new MeasurementRecorder(MyappEvents.MeterName, name => name == "myapp.request.stop.duration"))
        {
            var span = MyappEvents.StartRequest("u", RequestStartRequestType.Predict);
            Assert.True(span.IsObserved);
            Assert.True(span.Elapsed >= TimeSpan.Zero);
        }

        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MyappEvents.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        var traced = MyappEvents.StartRequest("u", RequestStartRequestType.Predict);
        Assert.True(traced.IsObserved);
        Assert.NotNull(traced.Activity);
        traced.Stop(RequestStopResult.Success);
    }

    [Fact]
    public void A_span_ended_in_a_using_block_emits_its_stop_once_and_Dispose_after_it_does_nothing()
    {
        var stops = new ConcurrentQueue<RequestStop>();
        TelemetryHub.Default.Attach<RequestStop>("using-stops", (in RequestStop e) => stops.Enqueue(e));
        using var abandoned = new AbandonedSpans();

        using (var span = MyappEvents.StartRequest("u-1", RequestStartRequestType.Forward))
        {
            span.Stop(RequestStopResult.Success);
        }

        {
            using var declared = MyappEvents.StartRequest("u-2", RequestStartRequestType.Forward);
            declared.Stop(RequestStopResult.Failure);
        }

        Assert.Equal(new[] { "u-1", "u-2" }, stops.Select(s => s.UserId));
        Assert.Equal(0, abandoned.Count);
    }

    [Fact]
    public void An_inline_enum_written_alike_on_the_start_and_the_stop_carries_over_from_the_start()
    {
        // request_type: { type: enum, values: [predict, forward] } on both events: two C# types, one value.
        var stops = new ConcurrentQueue<RequestStop>();
        TelemetryHub.Default.Attach<RequestStop>("carried-enum", (in RequestStop e) => stops.Enqueue(e));

        using (var span = MyappEvents.StartRequest("u-enum", RequestStartRequestType.Forward))
        {
            span.Stop(RequestStopResult.Success);
        }

        MyappEvents.StartRequest("u-enum-2", RequestStartRequestType.Predict).Stop(RequestStopResult.Failure);

        Assert.Equal(
            new[] { ("u-enum", RequestStopRequestType.Forward), ("u-enum-2", RequestStopRequestType.Predict) },
            stops.Select(s => (s.UserId, s.RequestType)));
    }

    [Fact]
    public void A_span_disposed_while_running_emits_no_end_stops_its_activity_with_an_error_and_is_counted_and_traced()
    {
        var ends = 0;
        TelemetryHub.Default.Attach<RequestStop>("abandoned-stops", (in RequestStop e) => ends++);
        TelemetryHub.Default.Attach<RequestException>("abandoned-exceptions", (in RequestException e) => ends++);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MyappEvents.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var abandoned = new AbandonedSpans();
        using var trace = new TracingListener();
        Activity? activity = null;

        try
        {
            using var span = MyappEvents.StartRequest("u", RequestStartRequestType.Predict);
            activity = span.Activity;
            throw new InvalidOperationException("left the block before Stop");
        }
        catch (InvalidOperationException)
        {
        }

        Assert.Equal(0, ends);
        Assert.Equal(1, abandoned.Count);
        Assert.Equal("myapp.request", abandoned.LastSpan);
        Assert.NotNull(activity);
        Assert.True(activity!.IsStopped);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        var written = Assert.Single(trace.Written, w => w.EventId == TelemetryEventSource.SpanAbandonedEventId);
        Assert.Equal("myapp.request", written.Payload![0]);
    }

    /// <summary>A handler attached for the length of a block.</summary>
    private sealed class Attached<TEvent> : IDisposable
        where TEvent : struct, ITelemetryEvent
    {
        private readonly string _id;

        public Attached(string id)
        {
            _id = id;
            TelemetryHub.Default.Attach<TEvent>(id, (in TEvent e) => { });
        }

        public void Dispose() => TelemetryHub.Default.Detach(_id);
    }

    /// <summary>Counts <c>snakepit.telemetry.spans.abandoned</c>.</summary>
    private sealed class AbandonedSpans : IDisposable
    {
        private readonly MeasurementRecorder _recorder = new(TelemetryEventSource.MeterName, name => name == "snakepit.telemetry.spans.abandoned");

        public long Count => _recorder.Of("snakepit.telemetry.spans.abandoned").Sum(m => Convert.ToInt64(m.Value, System.Globalization.CultureInfo.InvariantCulture));

        public string? LastSpan => _recorder.Of("snakepit.telemetry.spans.abandoned").LastOrDefault()?.Tags["span"] as string;

        public void Dispose() => _recorder.Dispose();
    }
}
