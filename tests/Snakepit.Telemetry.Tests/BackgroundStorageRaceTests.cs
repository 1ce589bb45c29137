using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Dispatch;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

// Handlers here emit what other handlers handle, on purpose.
#pragma warning disable SNK009

/// <summary>Background workers under races: the storage a shrink retires, the idle waiter, and stops from other workers.</summary>
public sealed class BackgroundStorageRaceTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly TelemetryHub _hub = new();

    public void Dispose() => _hub.Dispose();

    /// <summary>
    /// Order across a shrink. Emitter A reserves ticket t1 after the worker found itself idle and reads the queue's
    /// storage before the worker swaps it (Shrink): e1 goes to the old, now retired, storage. The worker's peek looks at
    /// the retired storage, finds it empty (A has not written yet), and, before it looks at the new storage, A writes
    /// e1 and emits e2 (ticket t2) into the new storage: the peek takes e2 as the queue's head. The head is sticky, so
    /// the next scan sees t2 again and e2 is handled before e1.
    /// <para>The two dequeues of one peek cannot be paused from outside, so the test plays the worker (not started):
    /// the peek here sees what the real one sees at each of its two looks (retired storage empty, e2 in the new
    /// storage), so it takes the same head, and e1 then lands in the retired storage, as it does in real life.</para>
    /// </summary>
    [Fact]
    public void Events_of_one_thread_keep_their_order_when_the_first_was_written_to_storage_a_shrink_retired()
    {
        var handled = new List<long>();
        var recording = false;
        var worker = new BackgroundWorker("shrink-order", BackgroundWorker.MaxCapacity);
        var queue = worker.QueueFor<PoolStatus>(BackgroundWorker.TypedBinding, (in PoolStatus e) =>
        {
            if (recording)
            {
                handled.Add(e.QueueDepth);
            }
        });

        // A burst past the retained backlog, handled: the next idle moment gives the storage back.
        for (var i = 0; i < 1100; i++)
        {
            queue.Enqueue(Events.Status(i));
        }

        while (queue.TryPeekTicket(out _))
        {
            queue.HandleHead();
        }

        recording = true;

        // Emitter A: its ticket is taken and the (old) storage read after the worker found itself idle...
        var itemsField = typeof(BackgroundQueue<PoolStatus>).GetField("_items", BindingFlags.Instance | BindingFlags.NonPublic)!;
        var oldStorage = itemsField.GetValue(queue)!;
        Assert.True(worker.TryReserve(out var firstTicket));

        // ...the worker gives the storage back...
        Assert.True(queue.Shrink(BackgroundWorker.RetainedBacklog));

        // ...its peek finds the retired storage empty and, in the new storage, e2 (A's next event, a later ticket)...
        queue.Enqueue(Events.Status(2));
        Assert.True(queue.TryPeekTicket(out var headTicket));
        Assert.True(headTicket > firstTicket);

        // ...while A's e1 lands in the retired storage.
        WriteItem(oldStorage, firstTicket, Events.Status(1));

        while (queue.TryPeekTicket(out _))
        {
            queue.HandleHead();
        }

        Assert.Equal(new long[] { 1, 2 }, handled.ToArray());
    }

    /// <summary>
    /// Stress: emitter threads race the storage swaps of an idle worker (bursts past the retained backlog, then trickles
    /// across idle moments). Every event is handled exactly once, and each thread's events in emission order.
    /// </summary>
    [Fact]
    public void Emitters_racing_storage_shrinks_lose_nothing_duplicate_nothing_and_keep_each_threads_order()
    {
        const int Threads = 3;
        const int Rounds = 12;
        const int BurstPerThread = 700;
        const int TricklePerThread = 400;
        const long ThreadStride = 1L << 40;

        var next = new long[Threads];
        var violations = 0;
        string? firstViolation = null;
        using var hold = new SemaphoreSlim(0);
        using var held = new SemaphoreSlim(0);
        _hub.Attach(new TelemetryHandlerBuilder("shrink-stress", this)
            .WithDispatch(TelemetryDispatchMode.Background, TelemetryHandlerBuilder.MaxQueueCapacity)
            .On<PoolStatus>((in PoolStatus e) =>
            {
                if (e.QueueDepth < 0)
                {
                    held.Release();
                    hold.Wait();
                    return;
                }

                // The worker is one thread: plain reads and writes are enough here.
                var thread = (int)(e.QueueDepth / ThreadStride);
                var sequence = e.QueueDepth % ThreadStride;
                if (sequence != next[thread])
                {
                    if (Interlocked.Increment(ref violations) == 1)
                    {
                        firstViolation = $"thread {thread}: expected #{next[thread]}, got #{sequence}";
                    }
                }

                next[thread] = sequence + 1;
            }));
        var worker = _hub.WorkerOf("shrink-stress")!;

        var emitted = new long[Threads];
        for (var round = 0; round < Rounds; round++)
        {
            // A held call, then a burst behind it past the retained backlog.
            _hub.Emit(Events.Status(-1));
            Assert.True(held.Wait(Limit));
            using var start = new Barrier(Threads + 1);
            var emitters = new Thread[Threads];
            for (var t = 0; t < Threads; t++)
            {
                var thread = t;
                emitters[t] = new Thread(() =>
                {
                    start.SignalAndWait(Limit);
                    for (var i = 0; i < BurstPerThread; i++)
                    {
                        _hub.Emit(Events.Status(thread * ThreadStride + emitted[thread]++));
                    }

                    start.SignalAndWait(Limit);

                    // Released: keep emitting in small groups with pauses, so that emits meet idle moments (shrinks, drops).
                    for (var i = 0; i < TricklePerThread; i++)
                    {
                        _hub.Emit(Events.Status(thread * ThreadStride + emitted[thread]++));
                        if (i % 8 == thread)
                        {
                            Thread.SpinWait(2_000 + (i * 37 % 5_000));
                        }
                    }
                });
                emitters[t].Start();
            }

            start.SignalAndWait(Limit);
            start.SignalAndWait(Limit);
            hold.Release();
            foreach (var emitter in emitters)
            {
                Assert.True(emitter.Join(Limit));
            }

            Assert.True(_hub.WaitForBackgroundHandler("shrink-stress", Limit));
        }

        Assert.True(_hub.WaitForBackgroundHandler("shrink-stress", Limit));
        Assert.True(violations == 0, $"{violations} order violations; first: {firstViolation}");
        for (var t = 0; t < Threads; t++)
        {
            Assert.Equal(emitted[t], next[t]);
        }

        Assert.Equal(0, worker.Dropped);
        Assert.True(worker.StorageReleases >= Rounds / 2, $"only {worker.StorageReleases} shrinks: the test does not exercise them");
    }

    /// <summary>
    /// Stress: the idle waiter is shared by every caller of WhenIdle. A caller that emits and then finds a waiter some
    /// other caller installed earlier can be told "idle" by a worker that counted the waiting events (0) just before
    /// that emit, and completes the shared waiter just after it. Thread C emits #k and waits for idle while thread T
    /// keeps a waiter installed; the handler, when it starts on #k, checks that C's wait for #k has not completed yet.
    /// </summary>
    [Fact]
    public void WhenIdle_after_an_emit_never_completes_before_that_event_is_handled_while_others_wait_too()
    {
        var current = new StrongBox<(long Sequence, Task? Idle)>((0, null));
        var stale = 0L;
        _hub.Attach(new TelemetryHandlerBuilder("idle-race", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PoolStatus>((in PoolStatus e) =>
            {
                var published = Volatile.Read(ref current.Value.Idle);
                if (published is { IsCompleted: true } && Volatile.Read(ref current.Value.Sequence) == e.QueueDepth)
                {
                    Interlocked.CompareExchange(ref stale, e.QueueDepth, 0);
                }
            }));
        var worker = _hub.WorkerOf("idle-race")!;
        var stop = 0;
        var other = new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                worker.WhenIdle().Wait(Limit);
            }
        });
        var emitter = new Thread(() =>
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            for (long sequence = 1; Interlocked.Read(ref stale) == 0 && (sequence % 1024 != 0 || DateTime.UtcNow < deadline); sequence++)
            {
                Volatile.Write(ref current.Value.Idle, null);
                Volatile.Write(ref current.Value.Sequence, sequence);
                _hub.Emit(Events.Status(sequence));
                var idle = worker.WhenIdle();
                Volatile.Write(ref current.Value.Idle, idle);
                idle.Wait(Limit);
            }
        });
        // Busy threads beyond the cores: the worker is preempted at random points, sometimes inside the window.
        var busy = new Thread[2 * Environment.ProcessorCount];
        for (var i = 0; i < busy.Length; i++)
        {
            busy[i] = new Thread(() =>
            {
                while (Volatile.Read(ref stop) == 0)
                {
                    Thread.SpinWait(1000);
                }
            }) { IsBackground = true };
            busy[i].Start();
        }

        other.Start();
        emitter.Start();
        Assert.True(emitter.Join(TimeSpan.FromSeconds(60)));
        Volatile.Write(ref stop, 1);
        Assert.True(other.Join(Limit));
        foreach (var thread in busy)
        {
            Assert.True(thread.Join(Limit));
        }
        Assert.True(Interlocked.Read(ref stale) == 0, $"the wait for event #{stale} completed before its handler started");
    }

    /// <summary>
    /// Deadlock. Worker A's handler detaches B while B's call runs, so A's thread waits for B's call (no cycle of Stops).
    /// B's call then waits for A to be idle (WaitForBackgroundHandler): A cannot be idle before its call ends, and its
    /// call waits for B. With Timeout.InfiniteTimeSpan both workers hung for good (here B's wait is bounded and failed):
    /// the cycle detection knew only waits in Stop. Now B's wait is announced as a Stop's is, and A gives up its wait.
    /// </summary>
    [Fact]
    public void A_background_handler_waiting_for_one_that_detaches_it_does_not_deadlock()
    {
        using var bInside = new Gate();
        using var aDetaching = new ManualResetEventSlim(false);
        var waited = (bool?)null;
        using var bDone = new ManualResetEventSlim(false);
        _hub.Attach(new TelemetryHandlerBuilder("a", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PoolStatus>((in PoolStatus e) =>
            {
                aDetaching.Set();
                _hub.Detach("b");
            }));
        _hub.Attach(new TelemetryHandlerBuilder("b", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PythonCallStop>((in PythonCallStop e) =>
            {
                bInside.Pass();
                waited = _hub.WaitForBackgroundHandler("a", TimeSpan.FromSeconds(5));
                bDone.Set();
            }));

        _hub.Emit(Events.Stop());
        bInside.WaitEntered();
        _hub.Emit(Events.Status());
        Assert.True(aDetaching.Wait(Limit));
        bInside.Release();

        Assert.True(bDone.Wait(Limit));
        Assert.True(waited, "B's wait for A timed out: A waits in Detach for B's call, which waits for A");
    }

    /// <summary>
    /// Leak. A background handler that failed (or was detached) stayed in the hub's list of retiring registrations until
    /// the next attach or detach on that hub, long after its worker exited: the handler object, its callbacks and its
    /// queues' storage (a tail segment of up to 2^20 slots after a burst) stayed reachable from the hub.
    /// </summary>
    [Fact]
    public void A_failed_background_handler_is_not_kept_alive_by_the_hub_once_its_worker_exited()
    {
        var handler = AttachFailingHandler(_hub, "fails-once");
        _hub.Emit(Events.Status());

        // Returns once the worker's thread has left its last call (and its loop).
        Assert.True(_hub.WaitForBackgroundHandler("fails-once", Limit));
        Assert.DoesNotContain(_hub.ListHandlers(), h => h.Id == "fails-once");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(handler.IsAlive, "the failed handler is still reachable from the hub");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AttachFailingHandler(TelemetryHub hub, string id)
    {
        var handler = new FailingHandler();
        hub.Attach(new TelemetryHandlerBuilder(id, handler)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PoolStatus>(handler.Handle));
        return new WeakReference(handler);
    }

    private sealed class FailingHandler
    {
        public void Handle(in PoolStatus e) => throw new InvalidOperationException("fails");
    }

    private static void WriteItem(object storage, long ticket, PoolStatus e)
    {
        var itemType = typeof(BackgroundQueue<PoolStatus>).GetNestedType("Item", BindingFlags.NonPublic)!.MakeGenericType(typeof(PoolStatus));
        var item = Activator.CreateInstance(itemType, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, new object[] { ticket, 0, e }, null)!;
        storage.GetType().GetMethod("Enqueue")!.Invoke(storage, new[] { item });
    }
}
