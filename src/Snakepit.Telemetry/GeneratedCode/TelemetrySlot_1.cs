using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Snakepit.Telemetry.Dispatch;

namespace Snakepit.Telemetry;

/// <summary>
/// The typed handler list of one event; dispatching it allocates nothing, takes no lock and, unless a handler is
/// re-entered, reads no thread-local state. Supports generated code; not meant to be used directly.
/// </summary>
/// <remarks>
/// <para>Every handler is a <see cref="TelemetryCallback{TEvent}"/>: a typed callback, a generic handler's method bound
/// to this event type when the slot was built, or a background handler's enqueue.</para>
/// <para>The recursion guard: a handler that emits what it handles, directly or through other handlers, re-enters
/// itself on its own thread. Each registration marks itself active for the length of a call (a plain write on a
/// line of its own); a call that finds it active (a re-entry, or a call running on another thread) takes the guarded
/// path, which counts nesting in a thread-local depth and fails the handler re-entered 32 levels deep. Calls that
/// re-enter nothing, the usual case, never touch thread-local storage. Every write that sets the mark is followed by its
/// own call's clear, on the same thread; a count taken while the mark may be set is an interlocked add, which never
/// writes back a mark it read earlier. So whatever the interleaving, the mark ends cleared once every call has
/// returned.</para>
/// <para>A generated emitter calls the one inline handler of a slot that has exactly one (<see cref="Single"/>) itself,
/// in its own frame, when handler timing is off (no <see cref="TelemetryGate.Timed"/> bit): <c>if (slot.Single is { } h
/// &amp;&amp; slot.TryEnterSingle()) { try { h(in e); } catch (Exception x) { slot.SingleFailed(in e, x); } finally {
/// slot.ExitSingle(); } } else slot.Dispatch(in e);</c>. Every other case goes through <see cref="Dispatch"/>.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TelemetrySlot<TEvent> : TelemetrySlot
    where TEvent : struct, ITelemetryEvent
{
    /// <summary>
    /// The slot's one handler when it has exactly one, running inline (not a background handler's enqueue); null
    /// otherwise. Call it only after <see cref="TryEnterSingle"/> returned true.
    /// </summary>
    public readonly TelemetryCallback<TEvent>? Single;

    private readonly TelemetryHub _hub;
    private readonly Entry[] _entries;
    private readonly HandlerRegistration? _singleOwner;
    private readonly HandlerCounters? _singleCounters;

    internal TelemetrySlot(TelemetryHub hub, Entry[] entries)
    {
        _hub = hub;
        _entries = entries;
        if (entries.Length == 1 && entries[0].RunsUserCode)
        {
            Single = entries[0].Callback;
            _singleOwner = entries[0].Owner;
            _singleCounters = _singleOwner.Counters;
        }
    }

    /// <summary>
    /// Whether <see cref="Single"/> may be called now on the fast path: it is attached and no call of it is running (a
    /// re-entry, or a call on another thread). Then it counts the call and marks it running; <see cref="ExitSingle"/>
    /// must follow, in a <c>finally</c>. Otherwise call <see cref="Dispatch"/>. Only when the gate word has no
    /// <see cref="TelemetryGate.Timed"/> bit: timed calls go through <see cref="Dispatch"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryEnterSingle()
    {
        var counters = _singleCounters!;
        var state = counters.State;
        if ((state & HandlerCounters.Running) != 0 || counters.Detached)
        {
            // A call of it is running (a re-entry, or a call on another thread), or it is detached.
            return false;
        }

        counters.State = state + (HandlerCounters.OneReceived | HandlerCounters.Running);
        return true;
    }

    /// <summary>
    /// Ends a call that <see cref="TryEnterSingle"/> started: no longer running (the count read again, so that events
    /// its re-entries counted stay counted).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ExitSingle() => _singleCounters!.State &= ~HandlerCounters.Running;

    /// <summary><see cref="Single"/> threw: it is detached and the failure reported (never thrown).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void SingleFailed(in TEvent e, Exception exception) => _hub.OnHandlerFailed(_singleOwner!, NameOf(in e), exception);

    /// <summary>Delivers <paramref name="e"/> to every handler of the slot, each isolated from the others and from the caller.</summary>
    public void Dispatch(in TEvent e)
    {
        var entries = _entries;
        if (HandlerTiming.ThresholdTicks != 0)
        {
            DispatchTimed(in e);
            return;
        }

        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var entry = ref entries[i];
            var owner = entry.Owner;
            if (owner.IsDetached)
            {
                continue;
            }

            var counters = owner.Counters;
            var state = counters.State;
            if (!entry.RunsUserCode)
            {
                // A background handler's enqueue: no user code runs here, nothing can re-enter, and the mark is never
                // set (so a plain write of the word read cannot set it again).
                counters.State = state + HandlerCounters.OneReceived;
                entry.Callback(in e);
                continue;
            }

            if ((state & HandlerCounters.Running) != 0)
            {
                // Not a plain write of the word read: it would carry the mark, and set it again if the running call
                // cleared it in between, with no call left to clear it.
                counters.CountWhileMarked();
                CallGuarded(in e, in entry, timing: 0);
                continue;
            }

            Call(in e, entry.Callback, owner, counters, state);
        }
    }

    /// <summary>
    /// One unguarded call, isolated: a method of its own so that the loop above has no exception handling, which would
    /// keep its locals out of registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Call(in TEvent e, TelemetryCallback<TEvent> callback, HandlerRegistration owner, HandlerCounters counters, long state)
    {
        counters.State = state + (HandlerCounters.OneReceived | HandlerCounters.Running);
        try
        {
            callback(in e);
        }
        catch (Exception ex)
        {
            // The :telemetry rule: a failing handler never reaches the emitter or the other handlers; it is detached
            // and the failure is reported as an event.
            Failed(owner, in e, ex);
        }
        finally
        {
            // Read again: events its re-entries counted stay counted.
            counters.State &= ~HandlerCounters.Running;
        }
    }

    /// <summary>Handler timing is on: every call goes through the guarded path, timed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DispatchTimed(in TEvent e)
    {
        var timing = HandlerTiming.ThresholdTicks;
        foreach (var entry in _entries)
        {
            var owner = entry.Owner;
            if (owner.IsDetached)
            {
                continue;
            }

            // Another call may hold the mark (timed calls mark in CallGuarded): counted without writing it back.
            owner.Counters.CountWhileMarked();

            // A background entry's call is the enqueue: its handler is timed on the worker. Observers (testing tools)
            // are not timed: they must not change what the code under test sees.
            CallGuarded(in e, in entry, entry.RunsUserCode && !owner.IsObserver ? timing : 0);
        }
    }

    /// <summary>
    /// A call that may be a re-entry: nesting counted in the thread's depth, and a handler re-entered too deeply fails
    /// instead of being called. Also the path of timed calls.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CallGuarded(in TEvent e, in Entry entry, long timing)
    {
        var owner = entry.Owner;
        var counters = owner.Counters;
        ref var depth = ref DispatchDepth.Value;
        var original = depth;

        // A registration found active with no guarded level counted on this thread: the call that marked it took the
        // unguarded path, and counts as the first level. So a handler that emits what it handles is called 32 times.
        var outer = original == 0 && counters.IsRunning ? 1 : original;
        if (outer >= DispatchContext.MaxDepth)
        {
            _hub.OnHandlerFailed(owner, NameOf(in e), new TelemetryRecursionException(owner.Id, NameOf(in e), outer + 1, background: false));
            return;
        }

        var marked = entry.RunsUserCode && !counters.IsRunning;
        if (marked)
        {
            counters.State |= HandlerCounters.Running;
        }

        depth = outer + 1;
        var started = timing == 0 ? 0 : Stopwatch.GetTimestamp();
        try
        {
            entry.Callback(in e);
        }
        catch (Exception ex)
        {
            Failed(owner, in e, ex);
        }
        finally
        {
            depth = original;
            if (marked)
            {
                counters.State &= ~HandlerCounters.Running;
            }
        }

        if (timing != 0)
        {
            var elapsed = Stopwatch.GetTimestamp() - started;
            if (elapsed > timing)
            {
                _hub.OnHandlerSlow(owner, NameOf(in e), elapsed);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Failed(HandlerRegistration owner, in TEvent e, Exception exception) =>
        _hub.OnHandlerFailed(owner, NameOf(in e), exception);

    private static string NameOf(in TEvent e) => e.EventName;

    /// <summary>One handler: its callback (for a background handler, the enqueue into its queue) and its registration.</summary>
    internal readonly struct Entry
    {
        public Entry(HandlerRegistration owner, TelemetryCallback<TEvent> callback, bool runsUserCode)
        {
            Owner = owner;
            Callback = callback;
            RunsUserCode = runsUserCode;
        }

        public HandlerRegistration Owner { get; }

        public TelemetryCallback<TEvent> Callback { get; }

        /// <summary>False for a background handler's enqueue, which runs none of the handler's code on the emitting thread.</summary>
        public bool RunsUserCode { get; }
    }
}
