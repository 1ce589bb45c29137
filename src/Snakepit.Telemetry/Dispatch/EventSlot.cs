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
        var context = DispatchContext.Current;
        var outer = context.Handler;
        if (context.Depth >= DispatchContext.MaxDepth)
        {
            // A handler emits, and its emit's handlers emit, ... without end: the innermost handler is the one that
            // kept it going. It is failed (detached and reported) and this event goes nowhere; the stack unwinds.
            if (outer is not null)
            {
                outer.Hub.OnHandlerFailed(outer, e.EventName, new TelemetryRecursionException(outer.Id, e.EventName, context.Depth, background: false));
            }

            return;
        }

        context.Depth++;
        try
        {
            var entries = _entries;
            for (var i = 0; i < entries.Length; i++)
            {
                var entry = entries[i];
                if (entry.Registration.IsDetached)
                {
                    continue;
                }

                context.Handler = entry.Registration;
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
            }
        }
        finally
        {
            context.Depth--;
            context.Handler = outer;
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
