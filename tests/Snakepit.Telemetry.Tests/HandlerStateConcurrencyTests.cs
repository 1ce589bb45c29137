using System;
using System.Threading;
using Snakepit.Telemetry.Dispatch;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// A registration's state word (events received, and the running mark) under calls from several threads: counts may be
/// lost, but once every call has returned the mark is clear, so the next call takes the unguarded path again.
/// </summary>
public sealed class HandlerStateConcurrencyTests : IDisposable
{
    private const int Rounds = 100_000;

    private readonly TelemetryHub _hub = new();

    public void Dispose() => _hub.Dispose();

    /// <summary>
    /// Each round, thread A's call of "contended" is running (marked) when thread B's dispatch reaches it: B finds the
    /// mark set and takes the guarded path, counting the event, while A's call ends and clears the mark. (A waits until
    /// B's dispatch has called "herald", the handler before it, then returns a few steps later, more or fewer each
    /// round, so that A's clear falls at every point of B's count.) Whatever the interleaving, the next round's call of
    /// A, with nothing running anywhere, must take the unguarded path: a thread depth of 0 inside the handler. Before
    /// the fix, B's count was a plain write of the word it had read, running mark included: landing after A's clear,
    /// it set the mark again with no call left to clear it, and every later call of the handler took the guarded path.
    /// Deterministic once fixed (no interleaving leaves the mark set); before the fix, how soon it fails depends on the
    /// machine.
    /// </summary>
    [Fact]
    public void A_count_taken_while_another_thread_call_runs_never_leaves_the_mark_set()
    {
        var runner = default(Thread);
        var inside = -1;      // the round whose call of A is running
        var heralded = -1;    // the round whose dispatch on B has reached "contended"
        var finished = -1;    // the last round B's emit has returned from
        var stuckRound = -1;
        var stop = 0;
        var round = 0;

        _hub.Attach<PoolStatus>("herald", (in PoolStatus e) =>
        {
            if (Thread.CurrentThread != runner)
            {
                Volatile.Write(ref heralded, (int)e.QueueDepth);
            }
        });
        _hub.Attach<PoolStatus>("contended", (in PoolStatus e) =>
        {
            if (Thread.CurrentThread != runner)
            {
                return;
            }

            // Nothing else runs now (B finished the last round before A emitted): this call is unguarded.
            if (DispatchDepth.Value != 0 && Volatile.Read(ref stuckRound) < 0)
            {
                Volatile.Write(ref stuckRound, round);
            }

            Volatile.Write(ref inside, round);
            SpinUntil(ref heralded, round, ref stop);
            for (var spin = round % 61; spin > 0; spin--)
            {
                _ = Volatile.Read(ref finished);
            }
        });

        var a = new Thread(() =>
        {
            for (round = 0; round < Rounds && Volatile.Read(ref stuckRound) < 0; round++)
            {
                _hub.Emit(Events.Status(round));
                SpinUntil(ref finished, round, ref stop);
            }

            Volatile.Write(ref stop, 1);
        });
        runner = a;

        var b = new Thread(() =>
        {
            for (var i = 0; SpinUntil(ref inside, i, ref stop); i++)
            {
                _hub.Emit(Events.Status(i));
                Volatile.Write(ref finished, i);
            }
        });

        a.Start();
        b.Start();
        a.Join();
        b.Join();

        Assert.True(stuckRound < 0, $"Round {stuckRound}: with no call running, the handler was found running (the mark stuck set).");
    }

    /// <summary>Spins (yielding, never sleeping) until <paramref name="value"/> reaches <paramref name="target"/>; false if stopped first.</summary>
    private static bool SpinUntil(ref int value, int target, ref int stop)
    {
        var wait = default(SpinWait);
        while (Volatile.Read(ref value) < target)
        {
            if (Volatile.Read(ref stop) != 0)
            {
                return false;
            }

            wait.SpinOnce(sleep1Threshold: -1);
        }

        return true;
    }
}
