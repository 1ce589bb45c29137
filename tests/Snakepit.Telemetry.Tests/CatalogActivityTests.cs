using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using MyApp.Telemetry;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>Spans as Activities of the catalog's ActivitySource, seen through a real <see cref="ActivityListener"/>.</summary>
[Collection(DefaultHubCollection.Name)]
public sealed class CatalogActivityTests : IDisposable
{
    private static readonly ActivitySource Outer = new("tests.outer");

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public CatalogActivityTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "myapp" or "tests.outer",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _stopped.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void Stop_ends_an_activity_named_after_the_span_with_start_and_stop_metadata_as_tags_and_status_unset()
    {
        var span = MyappEvents.StartRequest(userId: "u-act", requestType: RequestStartRequestType.Predict);
        var activity = span.Activity;
        Assert.NotNull(activity);
        Assert.Same(activity, Activity.Current);
        span.Stop(RequestStopResult.Success);

        Assert.Equal("myapp.request", activity!.OperationName);
        Assert.Equal("myapp", activity.Source.Name);
        Assert.True(activity.IsStopped);
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Equal("u-act", activity.GetTagItem("user_id"));
        Assert.Equal("predict", activity.GetTagItem("request_type"));
        Assert.Equal("success", activity.GetTagItem("result"));
        Assert.Contains(activity, _stopped);
        Assert.Null(Activity.Current);
    }

    [Fact]
    public void Exception_with_an_exception_records_the_OpenTelemetry_exception_event_and_status_error()
    {
        InvalidOperationException thrown;
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var span = MyappEvents.StartRequest(userId: "u-ex", requestType: RequestStartRequestType.Forward);
        span.Exception(thrown, error: "boom-error");

        var activity = span.Activity!;
        Assert.True(activity.IsStopped);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("boom", activity.StatusDescription);
        Assert.Equal("boom-error", activity.GetTagItem("error"));
        var exceptionEvent = Assert.Single(activity.Events, e => e.Name == "exception");
        var tags = exceptionEvent.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(typeof(InvalidOperationException).FullName, tags["exception.type"]);
        Assert.Equal("boom", tags["exception.message"]);
        Assert.Contains(nameof(Exception_with_an_exception_records_the_OpenTelemetry_exception_event_and_status_error), (string)tags["exception.stacktrace"]!);
        Assert.False(span.IsRunning);
    }

    [Fact]
    public void Exception_without_an_exception_sets_status_error_and_no_event()
    {
        var span = MyappEvents.StartRequest(userId: "u-ex2", requestType: RequestStartRequestType.Forward);
        span.Exception(error: "timeout");

        Assert.Equal(ActivityStatusCode.Error, span.Activity!.Status);
        Assert.Empty(span.Activity.Events);
        Assert.Throws<ArgumentNullException>(() => span.Exception(null!, "x"));
    }

    [Fact]
    public async Task A_span_started_under_another_activity_is_its_child_across_await()
    {
        using var parent = Outer.StartActivity("outer");
        Assert.NotNull(parent);
        await Task.Yield();
        var span = MyappEvents.StartRequest(userId: "u-child", requestType: RequestStartRequestType.Predict);
        await Task.Delay(1);
        span.Stop(RequestStopResult.Success);

        var child = span.Activity!;
        Assert.Equal(parent!.TraceId, child.TraceId);
        Assert.Equal(parent.SpanId, child.ParentSpanId);
    }

    [Fact]
    public void IsEnabled_is_true_while_only_a_trace_listener_listens_and_no_listener_means_no_activity()
    {
        Assert.True(MyappEvents.IsRequestStartEnabled);
        Assert.True(MyappEvents.IsRequestExceptionEnabled);
        _listener.Dispose();

        Assert.False(MyappEvents.IsRequestStartEnabled);
        var span = MyappEvents.StartRequest(userId: "u-none", requestType: RequestStartRequestType.Predict);
        Assert.Null(span.Activity);
        span.Stop(RequestStopResult.Success);
        Assert.False(span.IsRunning);
    }
}
