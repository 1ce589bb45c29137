using System;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Testing.Tests;

/// <summary>The guide's two test examples ("Testing Telemetry"), in C# with the kit.</summary>
public sealed class GuideExampleTests
{
    [Fact]
    public async Task Unit_test_asserts_the_stop_events_measurements_and_metadata()
    {
        using var recorder = TelemetryRecorder.Start();

        await new PredictionService("unit-pool").PredictAsync("u-unit", "hello");

        var stop = recorder.Single<PythonCallStop>();
        Assert.True(stop.Duration > TimeSpan.Zero);
        Assert.Equal(10, stop.ResponseSize);
        Assert.Equal("unit-pool", stop.PoolName);
        Assert.Equal("unit-pool_worker_1", stop.WorkerId);
        Assert.Equal("dspy.predict", stop.Command);
        Assert.Equal(PythonCallStopResult.Success, stop.Result);
    }

    [Fact]
    public async Task Integration_test_asserts_a_requests_whole_lifecycle_in_order()
    {
        using var recorder = TelemetryRecorder.Start();

        var result = await new PredictionService("integration-pool").PredictAsync("u-integration", "abc");

        Assert.Equal("ABC", result);
        Assert.Equal(
            new[] { "myapp.request.start", "snakepit.python.call.start", "snakepit.python.call.stop", "myapp.request.stop" },
            recorder.Names);
        Assert.Equal("corr-u-integration", recorder.Single<PythonCallStart>().CorrelationId);
        Assert.Equal(recorder.Single<PythonCallStart>().CorrelationId, recorder.Single<PythonCallStop>().CorrelationId);
    }

    [Fact]
    public async Task A_failing_call_records_the_exception_event_and_no_stop()
    {
        using var recorder = TelemetryRecorder.Start();

        await Assert.ThrowsAsync<InvalidOperationException>(() => new PredictionService("failing-pool").PredictAsync("u-fail", "x", fail: true));

        Assert.Empty(recorder.All<PythonCallStop>());
        var exception = recorder.Single<PythonCallException>();
        Assert.Equal("RuntimeError", exception.ErrorType);
        Assert.Equal(ErrorCategory.PythonError, exception.ErrorCategory);
    }
}
