using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Testing.Tests;

/// <summary>What a recorder sees: its own async flow and the tasks it starts, nothing of other tests; a global recorder sees all.</summary>
public sealed class RecorderIsolationTests
{
    [Fact]
    public async Task Recorders_of_parallel_flows_see_only_their_own_events()
    {
        var flows = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            using var recorder = TelemetryRecorder.Start();
            for (var n = 0; n < 50; n++)
            {
                SnakepitEvents.PoolStatus(i, n, 0, 1, "isolated-" + i);
                await Task.Yield();
            }

            return (Index: i, Pools: recorder.All<PoolStatus>().Select(e => e.PoolName).Distinct().ToArray(), Count: recorder.All<PoolStatus>().Count);
        })).ToArray();

        foreach (var (index, pools, count) in await Task.WhenAll(flows))
        {
            Assert.Equal(new[] { "isolated-" + index }, pools);
            Assert.Equal(50, count);
        }
    }

    [Fact]
    public async Task Tasks_started_by_the_test_are_recorded()
    {
        using var recorder = TelemetryRecorder.Start();
        await Task.Run(() => SnakepitEvents.PoolStatus(1, 1, 1, 2, "from-task"));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(() => SnakepitEvents.PoolStatus(i, 0, 0, 1, "from-task"))));

        Assert.Equal(4, recorder.All<PoolStatus>().Count(e => e.PoolName == "from-task"));
    }

    [Fact]
    public void A_thread_outside_the_flow_is_not_recorded_but_a_global_recorder_sees_it()
    {
        using var flow = TelemetryRecorder.Start();
        using var global = TelemetryRecorder.StartGlobal();
        var thread = StartWithoutFlow(() => SnakepitEvents.PoolStatus(0, 0, 0, 0, "outside-flow"));
        thread.Join();

        Assert.DoesNotContain(flow.All<PoolStatus>(), e => e.PoolName == "outside-flow");
        Assert.Contains(global.All<PoolStatus>(), e => e.PoolName == "outside-flow");
    }

    [Fact]
    public async Task WaitFor_completes_when_another_thread_emits_the_event()
    {
        using var recorder = TelemetryRecorder.StartGlobal();
        var waiting = recorder.WaitFor<PoolStatus>(e => e.PoolName == "awaited" && e.QueueDepth == 7, TimeSpan.FromSeconds(30));
        Assert.False(waiting.IsCompleted);

        using var go = new ManualResetEventSlim();
        var thread = StartWithoutFlow(() =>
        {
            go.Wait();
            SnakepitEvents.PoolStatus(0, 0, 3, 0, "awaited");
            SnakepitEvents.PoolStatus(0, 0, 7, 0, "awaited");
        });
        go.Set();

        var status = await waiting;
        Assert.Equal(7, status.QueueDepth);
        thread.Join();
    }

    [Fact]
    public async Task WaitFor_returns_an_event_recorded_before_and_times_out_listing_what_was_recorded()
    {
        using var recorder = TelemetryRecorder.Start();
        SnakepitEvents.PoolStatus(0, 0, 1, 0, "early");
        Assert.Equal("early", (await recorder.WaitFor<PoolStatus>(e => e.PoolName == "early", TimeSpan.Zero)).PoolName);

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => recorder.WaitFor<PoolStatus>(e => e.PoolName == "never", TimeSpan.FromMilliseconds(20)));
        Assert.Contains("snakepit.pool.status", timeout.Message);
        Assert.Contains("pool_name=early", timeout.Message);
    }

    [Fact]
    public void Single_lists_what_was_recorded_when_there_is_not_exactly_one()
    {
        using var recorder = TelemetryRecorder.Start();
        var none = Assert.Throws<TelemetryAssertionException>(() => recorder.Single<PoolStatus>());
        Assert.Contains("Expected exactly one snakepit.pool.status event, but 0 were recorded", none.Message);
        Assert.Contains("No event was recorded", none.Message);

        SnakepitEvents.PoolWorkerRestarted(TimeSpan.FromSeconds(1), 1, "p", "w", "1", "2", "crash");
        SnakepitEvents.PoolWorkerRestarted(TimeSpan.FromSeconds(1), 2, "p", "w", "2", "3", "crash");
        var two = Assert.Throws<TelemetryAssertionException>(() => recorder.Single<PoolWorkerRestarted>());
        Assert.Contains("but 2 were recorded", two.Message);
        Assert.Contains("2. snakepit.pool.worker.restarted", two.Message);
    }

    [Fact]
    public void Clear_forgets_and_a_disposed_recorder_stops_recording()
    {
        var recorder = TelemetryRecorder.Start();
        SnakepitEvents.PoolStatus(0, 0, 0, 0, "cleared");
        recorder.Clear();
        Assert.Empty(recorder.Names);

        SnakepitEvents.PoolStatus(0, 0, 0, 0, "kept");
        recorder.Dispose();
        SnakepitEvents.PoolStatus(0, 0, 0, 0, "after-dispose");
        Assert.Equal(new[] { "kept" }, recorder.All<PoolStatus>().Select(e => e.PoolName));
    }

    [Fact]
    public void Nested_recorders_both_record_and_the_outer_one_keeps_recording_after_the_inner_ends()
    {
        using var outer = TelemetryRecorder.Start();
        using (var inner = TelemetryRecorder.Start())
        {
            SnakepitEvents.PoolStatus(0, 0, 0, 0, "both");
            Assert.Single(inner.All<PoolStatus>());
        }

        SnakepitEvents.PoolStatus(0, 0, 0, 0, "outer-only");
        Assert.Equal(new[] { "both", "outer-only" }, outer.All<PoolStatus>().Select(e => e.PoolName));
    }

    [Fact]
    public void The_recorder_is_invisible_to_ListHandlers_and_survives_DetachAll()
    {
        using var recorder = TelemetryRecorder.Start();
        Assert.DoesNotContain(TelemetryHub.Default.ListHandlers(), h => h.Id.Contains("testing", StringComparison.Ordinal));

        TelemetryHub.Default.DetachAll();
        SnakepitEvents.PoolStatus(0, 0, 0, 0, "after-detach-all");
        Assert.Single(recorder.All<PoolStatus>());
    }

    /// <summary>Starts a thread that does not inherit the test's async flow (as one the code under test owns would not).</summary>
    private static Thread StartWithoutFlow(Action work)
    {
        var thread = new Thread(() => work());
        using (ExecutionContext.SuppressFlow())
        {
            thread.Start();
        }

        return thread;
    }
}
