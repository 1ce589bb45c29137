using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Testing.Tests;

/// <summary>
/// WaitFor and the recorder's lifetime where test code is hostile or careless: predicates that throw or emit, timeouts
/// of any length, a recorder waited on after its disposal, and contexts that outlive it.
/// </summary>
public sealed class RecorderWaitForTests
{
    private static void Emit(long depth) => SnakepitEvents.PoolStatus(1, 1, depth, 2, "wait-for");

    [Fact]
    public async Task WaitFor_on_a_disposed_recorder_fails_at_once()
    {
        var recorder = TelemetryRecorder.Start();
        recorder.Dispose();

        var waiting = recorder.WaitFor<PoolStatus>(e => true, TimeSpan.FromMinutes(10));

        Assert.True(waiting.IsFaulted, "WaitFor on a disposed recorder waits out its timeout");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
    }

    [Fact]
    public async Task A_predicate_that_throws_on_an_event_already_recorded_fails_the_task_instead_of_throwing()
    {
        using var recorder = TelemetryRecorder.Start();
        Emit(1);

        Task<PoolStatus>? waiting = null;
        var thrown = Record.Exception(() => { waiting = recorder.WaitFor<PoolStatus>(e => throw new FormatException("bad predicate"), TimeSpan.FromSeconds(30)); });

        Assert.Null(thrown);
        await Assert.ThrowsAsync<FormatException>(() => waiting!);
    }

    [Fact]
    public async Task A_predicate_that_emits_leaves_the_recorder_and_its_other_waiters_working()
    {
        using var recorder = TelemetryRecorder.Start();
        var second = recorder.WaitFor<PoolStatus>(e => e.QueueDepth == 2, TimeSpan.FromSeconds(30));
        var first = recorder.WaitFor<PoolStatus>(
            e =>
            {
                if (e.QueueDepth == 1)
                {
                    Emit(2);   // the predicate emits: recorded on this thread, while the waiters are being offered an event
                }

                return e.QueueDepth == 1;
            },
            TimeSpan.FromSeconds(30));

        Emit(1);

        Assert.Equal(1, (await first).QueueDepth);
        Assert.Equal(2, (await second).QueueDepth);

        // The waiter list still works: a new waiter gets a new event.
        var third = recorder.WaitFor<PoolStatus>(e => e.QueueDepth == 3, TimeSpan.FromSeconds(30));
        Emit(3);
        Assert.Equal(3, (await third).QueueDepth);
        Assert.Equal(new long[] { 1, 2, 3 }, recorder.All<PoolStatus>().Select(e => e.QueueDepth));
    }

    [Fact]
    public async Task A_timeout_of_any_length_waits_without_leaving_a_waiter_behind()
    {
        using var recorder = TelemetryRecorder.Start();

        var forever = recorder.WaitFor<PoolStatus>(e => e.QueueDepth == 7, TimeSpan.MaxValue);
        var infinite = recorder.WaitFor<PoolStatus>(e => e.QueueDepth == 7, Timeout.InfiniteTimeSpan);
        Assert.False(forever.IsCompleted);
        Emit(7);

        Assert.Equal(7, (await forever).QueueDepth);
        Assert.Equal(7, (await infinite).QueueDepth);
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = recorder.WaitFor<PoolStatus>(e => true, TimeSpan.FromSeconds(-5)); });
    }

    [Fact]
    public async Task Disposing_cancels_a_waiter_and_a_cancelled_token_ends_the_wait()
    {
        using var cancel = new CancellationTokenSource();
        using (var recorder = TelemetryRecorder.Start())
        {
            var cancelled = recorder.WaitFor<PoolStatus>(e => false, TimeSpan.FromMinutes(10), cancel.Token);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

            var disposed = recorder.WaitFor<PoolStatus>(e => false, TimeSpan.FromMinutes(10));
            recorder.Dispose();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => disposed);
        }
    }

    [Fact]
    public void A_disposed_recorder_is_not_kept_alive_by_a_context_captured_while_it_recorded()
    {
        var (recorder, context) = RecordWithCapturedContext();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(recorder.TryGetTarget(out _), "the disposed recorder is still reachable from the captured context");
        GC.KeepAlive(context);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference<TelemetryRecorder> Recorder, ExecutionContext Context) RecordWithCapturedContext()
    {
        var recorder = TelemetryRecorder.Start();
        for (var i = 0; i < 100; i++)
        {
            Emit(i);
        }

        // What a timer or a thread-pool item started here keeps.
        var context = ExecutionContext.Capture()!;
        recorder.Dispose();
        return (new WeakReference<TelemetryRecorder>(recorder), context);
    }
}
