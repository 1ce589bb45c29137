using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Threading;
using Snakepit.Telemetry.Dispatch;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

// Handlers here emit what other handlers handle, on purpose.
#pragma warning disable SNK009

/// <summary>Defects found by a review of the background-dispatch rework, each reproduced deterministically, now fixed.</summary>
public sealed class BackgroundDispatchRaceTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private readonly TelemetryHub _hub = new();

    public void Dispose() => _hub.Dispose();

    /// <summary>
    /// Order. The worker scans the queues' heads one after the other; the scan is not a snapshot. If the worker has
    /// found queue 0 empty and, before it looks at queue 1, one thread emits e1 (to queue 0, ticket t) then e2 (to
    /// queue 1, ticket t+1), the worker sees only e2 and handles it first. The pause of the worker between the two peeks
    /// (a preemption in real life) is made deterministic by wrapping queue 0.
    /// </summary>
    [Fact]
    public void Events_from_one_thread_arrive_in_emission_order_even_when_emitted_during_the_workers_scan()
    {
        var seen = new ConcurrentQueue<string>();
        using var both = new CountdownEvent(2);
        _hub.Attach(new TelemetryHandlerBuilder("ordered", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PoolStatus>((in PoolStatus e) =>
            {
                seen.Enqueue("status");
                both.Signal();
            })
            .On<PythonCallStop>((in PythonCallStop e) =>
            {
                seen.Enqueue("stop");
                both.Signal();
            }));

        var worker = _hub.WorkerOf("ordered")!;
        var field = typeof(BackgroundWorker).GetField("_queues", BindingFlags.Instance | BindingFlags.NonPublic)!;
        var queues = (IBackgroundQueue[])field.GetValue(worker)!;
        Assert.Equal(2, queues.Length);
        using var scanned = new ManualResetEventSlim(false);
        using var emitted = new ManualResetEventSlim(false);
        var paused = new PausingQueue(queues[0], scanned, emitted);
        field.SetValue(worker, new IBackgroundQueue[] { paused, queues[1] });

        // Wake the worker so that it scans now: it finds queue 0 empty and pauses before looking at queue 1.
        _ = worker.WhenIdle();
        Assert.True(scanned.Wait(Limit));

        // One thread, in this order: first an event of queue 0's type, then one of queue 1's type.
        var firstType = queues[0].GetType().GetGenericArguments()[0];
        var expected = firstType == typeof(PoolStatus) ? new[] { "status", "stop" } : new[] { "stop", "status" };
        if (firstType == typeof(PoolStatus))
        {
            _hub.Emit(Events.Status());
            _hub.Emit(Events.Stop());
        }
        else
        {
            _hub.Emit(Events.Stop());
            _hub.Emit(Events.Status());
        }

        emitted.Set();
        Assert.True(both.Wait(Limit));
        Assert.Equal(expected, seen.ToArray());
    }

    /// <summary>
    /// Recursion across workers. Two background handlers feeding each other (A handles X and emits Y, B handles Y and
    /// emits X) form a cycle as surely as one feeding itself: the chain's length travels across workers.
    /// </summary>
    [Fact]
    public void Two_background_handlers_feeding_each_other_are_stopped()
    {
        var pings = 0;
        using var decided = new ManualResetEventSlim(false);
        var failures = new ConcurrentQueue<TelemetryHandlerFailure>();
        _hub.Attach<TelemetryHandlerFailure>("failures", (in TelemetryHandlerFailure f) =>
        {
            failures.Enqueue(f);
            decided.Set();
        });
        _hub.Attach(new TelemetryHandlerBuilder("ping", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PoolStatus>((in PoolStatus e) =>
            {
                if (Interlocked.Increment(ref pings) == 1000)
                {
                    // 1000 round trips: 30 times the limit of 32.
                    decided.Set();
                }

                _hub.Emit(Events.Stop());
            }));
        _hub.Attach(new TelemetryHandlerBuilder("pong", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PythonCallStop>((in PythonCallStop e) => _hub.Emit(Events.Status())));

        _hub.Emit(Events.Status());

        Assert.True(decided.Wait(TimeSpan.FromSeconds(30)));
        var failure = Assert.Single(failures);
        Assert.IsType<TelemetryRecursionException>(failure.Exception);
        Assert.True(Volatile.Read(ref pings) <= 64, $"ping was called {Volatile.Read(ref pings)} times");
    }

    /// <summary>
    /// Deadlock. Detach from inside a handler's call is allowed; two background handlers detaching each other at the
    /// same time must not wait for each other (Detach from a worker's thread does not wait for the other's call).
    /// </summary>
    [Fact]
    public void Two_background_handlers_detaching_each_other_do_not_deadlock()
    {
        using var bothInside = new Barrier(2);
        using var aDone = new ManualResetEventSlim(false);
        using var bDone = new ManualResetEventSlim(false);
        _hub.Attach(new TelemetryHandlerBuilder("a", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PoolStatus>((in PoolStatus e) =>
            {
                bothInside.SignalAndWait(Limit);
                _hub.Detach("b");
                aDone.Set();
            }));
        _hub.Attach(new TelemetryHandlerBuilder("b", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PythonCallStop>((in PythonCallStop e) =>
            {
                bothInside.SignalAndWait(Limit);
                _hub.Detach("a");
                bDone.Set();
            }));

        _hub.Emit(Events.Status());
        _hub.Emit(Events.Stop());

        Assert.True(aDone.Wait(Limit), "a's Detach(\"b\") never returned");
        Assert.True(bDone.Wait(Limit), "b's Detach(\"a\") never returned");
    }

    private sealed class PausingQueue : IBackgroundQueue
    {
        private readonly IBackgroundQueue _inner;
        private readonly ManualResetEventSlim _scanned;
        private readonly ManualResetEventSlim _emitted;
        private int _armed = 1;

        public PausingQueue(IBackgroundQueue inner, ManualResetEventSlim scanned, ManualResetEventSlim emitted)
        {
            _inner = inner;
            _scanned = scanned;
            _emitted = emitted;
        }

        public bool TryPeekTicket(out long ticket)
        {
            var found = _inner.TryPeekTicket(out ticket);
            if (!found && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                // The worker is preempted right after finding this queue empty.
                _scanned.Set();
                _emitted.Wait(Limit);
            }

            return found;
        }

        public void HandleHead() => _inner.HandleHead();

        public void Discard() => _inner.Discard();

        public bool Shrink(long retainedBacklog) => _inner.Shrink(retainedBacklog);

        public void DropRetired() => _inner.DropRetired();
    }
}
