using System;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>The handlers of one event in one hub: an immutable snapshot, replaced whole on attach and detach.</summary>
internal abstract class EventSlot
{
}

/// <summary>The typed handler list of one event; dispatching it allocates nothing and takes no lock.</summary>
internal sealed class EventSlot<TEvent> : EventSlot
    where TEvent : struct, ITelemetryEvent
{
    private readonly TelemetryHub _hub;
    private readonly Entry[] _entries;

    public EventSlot(TelemetryHub hub, Entry[] entries)
    {
        _hub = hub;
        _entries = entries;
    }

    public void Dispatch(in TEvent e)
    {
        var depth = DispatchDepth.Value;
        if (depth >= DispatchContext.MaxDepth)
        {
            // A handler emits, and its emit's handlers emit, ... without end. This event goes nowhere; the dispatch
            // that called the emitting handler fails that handler when it returns, and the stack unwinds.
            DispatchContext.OverflowedEvent ??= e.EventName;
            return;
        }

        DispatchDepth.Value = depth + 1;
        try
        {
            DispatchEntries(in e, depth);
        }
        finally
        {
            // Restored whatever happens: a depth left one too high would drop every later emit of this thread.
            DispatchDepth.Value = depth;
        }
    }

    private void DispatchEntries(in TEvent e, int depth)
    {
        var entries = _entries;
        if (HandlerTiming.ThresholdTicks == 0 && depth < DispatchContext.MaxDepth - 1)
        {
            // The common case, on its own: no handler timing, and not the innermost dispatch allowed (the only one whose
            // handlers' emits can overflow). One static read for the whole list instead of one per handler, and
            // nothing after each call.
            for (var i = 0; i < entries.Length; i++)
            {
                ref readonly var entry = ref entries[i];
                var registration = entry.Registration;
                if (registration.IsDetached)
                {
                    continue;
                }

                registration.Received++;
                try
                {
                    var callback = entry.Callback;
                    if (callback is not null)
                    {
                        callback(in e);
                    }
                    else
                    {
                        entry.Generic!.Handle(in e);
                    }
                }
                catch (Exception ex)
                {
                    _hub.OnHandlerFailed(registration, e.EventName, ex);
                }
            }

            return;
        }

        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.Registration.IsDetached)
            {
                continue;
            }

            entry.Registration.Received++;
            // A background entry's call is the enqueue: its handler is timed on the worker. Observers (testing tools)
            // are not timed: they must not change what the code under test sees.
            var timing = HandlerTiming.ThresholdTicks;
            if (timing != 0 && (entry.Registration.Worker is not null || entry.Registration.IsObserver))
            {
                timing = 0;
            }

            var started = timing == 0 ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                if (entry.Callback is not null)
                {
                    entry.Callback(in e);
                }
                else
                {
                    entry.Generic!.Handle(in e);
                }
            }
            catch (Exception ex)
            {
                // The :telemetry rule: a failing handler never reaches the emitter or the other handlers;
                // it is detached and the failure is reported as an event.
                _hub.OnHandlerFailed(entry.Registration, e.EventName, ex);
            }

            if (timing != 0)
            {
                var elapsed = System.Diagnostics.Stopwatch.GetTimestamp() - started;
                if (elapsed > timing)
                {
                    _hub.OnHandlerSlow(entry.Registration, e.EventName, elapsed);
                }
            }

            // Only the innermost dispatch allowed can see an overflow: its handlers' emits are the ones refused.
            if (depth == DispatchContext.MaxDepth - 1 && DispatchContext.OverflowedEvent is { } overflowed)
            {
                DispatchContext.OverflowedEvent = null;
                _hub.OnHandlerFailed(entry.Registration, overflowed, new TelemetryRecursionException(entry.Registration.Id, overflowed, depth + 1, background: false));
            }
        }
    }

    /// <summary>One handler: a typed callback (for a background handler, the enqueue into its queue), or a generic handler.</summary>
    internal readonly struct Entry
    {
        public Entry(HandlerRegistration registration, TelemetryCallback<TEvent>? callback, ITelemetryHandler? generic)
        {
            Registration = registration;
            Callback = callback;
            Generic = generic;
        }

        public HandlerRegistration Registration { get; }

        public TelemetryCallback<TEvent>? Callback { get; }

        public ITelemetryHandler? Generic { get; }
    }
}
