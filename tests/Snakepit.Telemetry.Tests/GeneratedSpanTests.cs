using System;
using System.Threading;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;
using Snakepit.Telemetry.Testing;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// Generated spans and emitters deliver typed events, asserted with the testing kit's recorder: each test sees only
/// the events of its own flow, so these run in parallel with the rest of the suite.
/// </summary>
public sealed class GeneratedSpanTests
{
    [Fact]
    public void A_span_ends_once_and_a_span_never_started_does_not_end()
    {
        using var recorder = TelemetryRecorder.Start();

        var call = SnakepitEvents.StartPythonCall("default", "w-1", "predict", "c-1");
        Assert.True(call.IsRunning);
        call.Stop(PythonCallStopResult.Success);
        call.Stop(PythonCallStopResult.Success);
        call.Exception("ValueError", ErrorCategory.PythonError);
        Assert.False(call.IsRunning);

        var never = default(PythonCallSpan);
        Assert.False(never.IsRunning);
        never.Stop(PythonCallStopResult.Success);
        never.Exception("ValueError", ErrorCategory.PythonError);

        Assert.Equal(new[] { "snakepit.python.call.start", "snakepit.python.call.stop" }, recorder.Names);
        Assert.Equal(PythonCallStopResult.Success, recorder.Single<PythonCallStop>().Result);
    }

    [Fact]
    public void Span_emits_start_then_stop_with_measured_duration_and_carried_metadata()
    {
        using var recorder = TelemetryRecorder.Start();

        var before = DateTimeOffset.UtcNow;
        var span = SnakepitEvents.StartPythonCall(poolName: "default", workerId: "w-1", command: "dspy.predict", correlationId: "c-9", requestSize: 128, sessionId: "s-1");
        Thread.Sleep(30);
        span.Stop(PythonCallStopResult.Success, responseSize: 256);

        var start = recorder.Single<PythonCallStart>();
        Assert.Equal(("dspy.predict", "c-9", "s-1", (long?)128), (start.Command, start.CorrelationId, start.SessionId, start.RequestSize));
        Assert.InRange(start.SystemTime, before, DateTimeOffset.UtcNow);
        var stop = recorder.Single<PythonCallStop>();
        Assert.Equal(("dspy.predict", "c-9", "s-1", "w-1", PythonCallStopResult.Success, (long?)256), (stop.Command, stop.CorrelationId, stop.SessionId, stop.WorkerId, stop.Result, stop.ResponseSize));
        Assert.True(stop.Duration >= TimeSpan.FromMilliseconds(25), $"duration {stop.Duration} is shorter than the sleep");
        Assert.True(stop.Duration < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Span_exception_emits_the_exception_event()
    {
        using var recorder = TelemetryRecorder.Start();

        SnakepitEvents.StartPythonCall("default", "w-1", "train", "c-1").Exception("ValueError", ErrorCategory.PythonError);

        var exception = recorder.Single<PythonCallException>();
        Assert.Equal(("train", "ValueError", ErrorCategory.PythonError), (exception.Command, exception.ErrorType, exception.ErrorCategory));
        Assert.True(exception.Duration >= TimeSpan.Zero);
        Assert.Empty(recorder.All<PythonCallStop>());
        Assert.Equal("python_error", SnakepitEvents.ToCatalogValue(ErrorCategory.PythonError));
    }

    [Fact]
    public void App_catalog_and_Snakepit_catalog_work_side_by_side()
    {
        using var recorder = TelemetryRecorder.Start();

        MyappEvents.StartRequest(userId: "u-1", requestType: RequestStartRequestType.Predict).Stop(RequestStopResult.Success);
        SnakepitEvents.PoolStatus(1, 0, 0, 1, "default");

        Assert.Equal(new[] { "myapp.request.start", "myapp.request.stop", "snakepit.pool.status" }, recorder.Names);
        var stop = recorder.Single<RequestStop>();
        Assert.Equal(("u-1", RequestStopRequestType.Predict, RequestStopResult.Success), (stop.UserId, stop.RequestType, stop.Result));
    }

    [Fact]
    public void Payload_ToString_lists_name_and_fields()
    {
        var text = new PoolStatus(2, 1, 3, 3, "default").ToString();
        Assert.StartsWith("snakepit.pool.status { available_workers=2, busy_workers=1, queue_depth=3, total_workers=3, pool_name=default, node=", text);
    }
}
