using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Testing.Tests;

/// <summary>Repros from the concurrency review of the recorder. They rely on the process-wide observer, so they run alone.</summary>
[Collection(RecorderLifetimeCollection.Name)]
public sealed class RecorderConcurrencyTests
{
    private const string ObserverId = "snakepit.testing.recorder";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    // ---- Found by the review (each failed before its fix) ----

    /// <summary>
    /// A WaitFor predicate runs on the emitting thread inside the observer; when it throws, the hub treats the shared
    /// observer as a failing handler and detaches it for good, while s_alive still counts live recorders.
    /// </summary>
    [Fact]
    public void A_throwing_WaitFor_predicate_does_not_cut_off_every_other_recorder()
    {
        using var bystander = TelemetryRecorder.StartGlobal();
        using var careless = TelemetryRecorder.Start();
        _ = careless.WaitFor<PoolStatus>(e => e.PoolName == "never" ? true : throw new InvalidOperationException("bad predicate"), Limit);

        SnakepitEvents.PoolStatus(0, 0, 0, 0, "first");
        SnakepitEvents.PoolStatus(0, 0, 0, 0, "second");
        using var late = TelemetryRecorder.Start();
        SnakepitEvents.PoolStatus(0, 0, 0, 0, "third");

        Assert.True(late.All<PoolStatus>().Count == 1, $"a recorder started after the failure recorded nothing: the observer is detached; bystander saw [{string.Join(", ", bystander.All<PoolStatus>().Select(e => e.PoolName))}]");
        Assert.Equal(new[] { "first", "second", "third" }, bystander.All<PoolStatus>().Select(e => e.PoolName));
    }

    /// <summary>The hidden observer is timed like any handler: code under test sees it in telemetry.handler.slow.</summary>
    [Fact]
    public async Task The_hidden_observer_is_not_reported_to_the_code_under_test_as_a_slow_handler()
    {
        var seen = new ConcurrentQueue<string>();
        TelemetryHub.Default.Attach("review-slow-probe", (in TelemetryHandlerSlow e) => seen.Enqueue(e.HandlerId));
        TelemetryConfiguration.Apply(new TelemetrySettings { TimeHandlers = true, SlowHandlerThreshold = TimeSpan.FromMilliseconds(1) });
        try
        {
            using var recorder = TelemetryRecorder.Start();
            var pending = recorder.WaitFor<PoolStatus>(e => SlowWhen(e.PoolName == "slow") && e.PoolName == "done", Limit);
            SnakepitEvents.PoolStatus(0, 0, 0, 0, "slow");
            SnakepitEvents.PoolStatus(0, 0, 0, 0, "done");
            await pending;

            Assert.DoesNotContain(ObserverId, seen);
        }
        finally
        {
            TelemetryConfiguration.Apply(new TelemetrySettings());
            TelemetryHub.Default.Detach("review-slow-probe");
        }
    }

    /// <summary>Dispose neither completes nor fails a pending WaitFor: with an infinite timeout it never ends.</summary>
    [Fact]
    public async Task A_WaitFor_pending_when_the_recorder_is_disposed_ends()
    {
        var recorder = TelemetryRecorder.Start();
        var pending = recorder.WaitFor<PoolStatus>(e => e.PoolName == "never", Timeout.InfiniteTimeSpan);
        recorder.Dispose();

        var first = await Task.WhenAny(pending, Task.Delay(TimeSpan.FromSeconds(5)));
        Assert.True(ReferenceEquals(first, pending), "WaitFor still pending 5 s after Dispose (it never ends: the waiter and its timer leak)");
    }

    /// <summary>A WaitFor satisfied at once leaves its Task.Delay(timeout) timer running for the whole timeout.</summary>
    [Fact]
    public async Task A_satisfied_WaitFor_does_not_leave_its_timeout_timer_running()
    {
        using var recorder = TelemetryRecorder.Start();
        var before = Timer.ActiveCount;
        for (var i = 0; i < 100; i++)
        {
            var name = "timer-" + i;
            var pending = recorder.WaitFor<PoolStatus>(e => e.PoolName == name, TimeSpan.FromMinutes(10));
            SnakepitEvents.PoolStatus(0, 0, 0, 0, name);
            await pending;
        }

        var leaked = Timer.ActiveCount - before;
        Assert.True(leaked < 20, $"{leaked} timers still active after 100 satisfied WaitFor calls");
    }

    // ---- Confirmed sound by the review ----

    [Fact]
    public async Task Dispose_of_the_last_recorder_racing_Start_of_a_new_one_keeps_recording()
    {
        for (var round = 0; round < 300; round++)
        {
            var old = TelemetryRecorder.StartGlobal();
            using var barrier = new Barrier(2);
            var disposing = Task.Run(() =>
            {
                barrier.SignalAndWait();
                old.Dispose();
            });
            var starting = Task.Run(() =>
            {
                barrier.SignalAndWait();
                using var fresh = TelemetryRecorder.Start();
                SnakepitEvents.PoolStatus(round, 0, 0, 0, "fresh");
                return fresh.All<PoolStatus>().Count;
            });
            await disposing;
            Assert.Equal(1, await starting);
        }
    }

    [Fact]
    public async Task WaitFor_racing_the_emit_of_its_event_never_misses_it()
    {
        using var recorder = TelemetryRecorder.StartGlobal();
        for (var round = 0; round < 500; round++)
        {
            var name = "race-" + round;
            using var barrier = new Barrier(2);
            var emitting = Task.Run(() =>
            {
                barrier.SignalAndWait();
                SnakepitEvents.PoolStatus(0, 0, 0, 0, name);
            });
            var waiting = Task.Run(() =>
            {
                barrier.SignalAndWait();
                return recorder.WaitFor<PoolStatus>(e => e.PoolName == name, Limit);
            });
            await emitting;
            Assert.Equal(name, (await waiting).PoolName);
        }
    }

    [Fact]
    public async Task Nothing_is_recorded_after_Dispose_returns_while_other_threads_emit()
    {
        for (var round = 0; round < 50; round++)
        {
            var recorder = TelemetryRecorder.StartGlobal();
            using var stop = new CancellationTokenSource();
            var emitted = 0;
            var emitters = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    SnakepitEvents.PoolStatus(0, 0, 0, 0, "flood");
                    Interlocked.Increment(ref emitted);
                }
            })).ToArray();

            await recorder.WaitFor<PoolStatus>(e => e.PoolName == "flood", Limit);
            recorder.Dispose();
            var count = recorder.Events.Count;
            var target = Volatile.Read(ref emitted) + 1000;
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref emitted) >= target, Limit));
            stop.Cancel();
            await Task.WhenAll(emitters);
            Assert.Equal(count, recorder.Events.Count);
        }
    }

    private static bool SlowWhen(bool slow)
    {
        if (slow)
        {
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < 20)
            {
                Thread.SpinWait(100);
            }
        }

        return true;
    }
}
