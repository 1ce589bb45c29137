using System;
using System.Collections.Generic;
using System.Threading;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>Generated emitters and spans deliver typed events to the default hub.</summary>
[Collection(DefaultHubCollection.Name)]
public sealed class GeneratedEmitterTests : IDisposable
{
    private readonly List<string> _ids = new();

    [Fact]
    public void Emitter_delivers_typed_events_and_IsEnabled_follows_attach_and_detach()
    {
        Assert.False(SnakepitEvents.IsPoolStatusEnabled);
        var handler = new RecordingHandler();
        Attach("status-recorder", handler);
        Assert.True(SnakepitEvents.IsPoolStatusEnabled);

        SnakepitEvents.PoolStatus(availableWorkers: 2, busyWorkers: 8, queueDepth: 60, totalWorkers: 10, poolName: "gpu");

        Assert.Equal(new[] { "status gpu 60" }, handler.Seen);
        TelemetryHub.Default.Detach("status-recorder");
        Assert.False(SnakepitEvents.IsPoolStatusEnabled);
    }

    [Fact]
    public void A_span_ends_once_and_a_span_never_started_does_not_end()
    {
        var stops = new List<string>();
        var exceptions = 0;
        Attach<PythonCallStop>("span-stops", (in PythonCallStop e) => stops.Add(e.CorrelationId + " " + e.Result));
        Attach<PythonCallException>("span-exceptions", (in PythonCallException e) => exceptions++);

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

        Assert.Equal(new[] { "c-1 Success" }, stops);
        Assert.Equal(0, exceptions);
    }

    [Fact]
    public void Common_metadata_node_defaults_to_the_machine_name_and_can_be_set()
    {
        var nodes = new List<string>();
        Attach<PoolStatus>("nodes", (in PoolStatus e) => nodes.Add(e.Node));
        var original = SnakepitEvents.CommonMetadata.Node;
        Assert.Equal(Environment.MachineName, original);
        try
        {
            SnakepitEvents.PoolStatus(1, 1, 1, 2, "default");
            SnakepitEvents.CommonMetadata.Node = "node-7";
            SnakepitEvents.PoolStatus(1, 1, 1, 2, "default");
        }
        finally
        {
            SnakepitEvents.CommonMetadata.Node = original;
        }

        Assert.Equal(new[] { Environment.MachineName, "node-7" }, nodes);
        Assert.Throws<ArgumentNullException>(() => SnakepitEvents.CommonMetadata.Node = null!);
    }

    [Fact]
    public void Span_emits_start_then_stop_with_measured_duration_and_carried_metadata()
    {
        var seen = new List<string>();
        Attach<PythonCallStart>("start", (in PythonCallStart e) => seen.Add($"start {e.Command} {e.CorrelationId} {e.SessionId} {e.RequestSize}"));
        var durations = new List<TimeSpan>();
        Attach<PythonCallStop>("stop", (in PythonCallStop e) =>
        {
            seen.Add($"stop {e.Command} {e.CorrelationId} {e.SessionId} {e.WorkerId} {e.Result} {e.ResponseSize}");
            durations.Add(e.Duration);
        });

        var before = DateTimeOffset.UtcNow;
        var span = SnakepitEvents.StartPythonCall(poolName: "default", workerId: "w-1", command: "dspy.predict", correlationId: "c-9", requestSize: 128, sessionId: "s-1");
        Thread.Sleep(30);
        span.Stop(PythonCallStopResult.Success, responseSize: 256);

        Assert.Equal(new[] { "start dspy.predict c-9 s-1 128", "stop dspy.predict c-9 s-1 w-1 Success 256" }, seen);
        Assert.True(durations[0] >= TimeSpan.FromMilliseconds(25), $"duration {durations[0]} is shorter than the sleep");
        Assert.True(durations[0] < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Span_exception_emits_the_exception_event()
    {
        var errors = new List<string>();
        Attach<PythonCallException>("exception", (in PythonCallException e) => errors.Add($"{e.Command} {e.ErrorType} {e.ErrorCategory} {e.Duration >= TimeSpan.Zero}"));
        var times = new List<DateTimeOffset>();
        Attach<PythonCallStart>("start-time", (in PythonCallStart e) => times.Add(e.SystemTime));

        var before = DateTimeOffset.UtcNow;
        SnakepitEvents.StartPythonCall("default", "w-1", "train", "c-1").Exception("ValueError", ErrorCategory.PythonError);

        Assert.Equal(new[] { "train ValueError PythonError True" }, errors);
        Assert.InRange(times[0], before, DateTimeOffset.UtcNow);
        Assert.Equal("python_error", SnakepitEvents.ToCatalogValue(ErrorCategory.PythonError));
    }

    [Fact]
    public void App_catalog_and_Snakepit_catalog_work_side_by_side()
    {
        var seen = new List<string>();
        Attach<RequestStop>("app-stop", (in RequestStop e) => seen.Add($"{RequestStop.Name} {e.UserId} {e.RequestType} {e.Result}"));
        Attach<PoolStatus>("snakepit-status", (in PoolStatus e) => seen.Add($"{PoolStatus.Name} {e.QueueDepth}"));

        MyappEvents.StartRequest(userId: "u-1", requestType: RequestStartRequestType.Predict).Stop(RequestStopRequestType.Predict, RequestStopResult.Success);
        SnakepitEvents.PoolStatus(1, 0, 0, 1, "default");

        Assert.Equal(new[] { "myapp.request.stop u-1 Predict Success", "snakepit.pool.status 0" }, seen);
    }

    [Fact]
    public void Payload_ToString_lists_name_and_fields()
    {
        var text = new PoolStatus(2, 1, 3, 3, "default").ToString();
        Assert.StartsWith("snakepit.pool.status { available_workers=2, busy_workers=1, queue_depth=3, total_workers=3, pool_name=default, node=", text);
    }

    private void Attach(string id, object handler)
    {
        TelemetryHub.Default.Attach(id, handler);
        _ids.Add(id);
    }

    private void Attach<TEvent>(string id, TelemetryCallback<TEvent> callback)
        where TEvent : struct, ITelemetryEvent
    {
        TelemetryHub.Default.Attach(id, callback);
        _ids.Add(id);
    }

    public void Dispose()
    {
        foreach (var id in _ids)
        {
            TelemetryHub.Default.Detach(id);
        }
    }
}
