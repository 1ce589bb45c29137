using System;
using System.Collections.Generic;
using System.Linq;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// One event payload type known to the process: its dense index (for the hubs' slot arrays), its name, and the
/// typed code that builds its dispatch slot from a hub's registrations.
/// </summary>
internal abstract class EventType
{
    protected EventType(int index, Type type, string name)
    {
        Index = index;
        Type = type;
        Name = name;
    }

    public int Index { get; }

    public Type Type { get; }

    public string Name { get; }

    /// <summary>The slot of <see cref="TelemetryHub.Default"/>, read by the generated emitters; null when no handler listens.</summary>
    public abstract EventSlot? DefaultSlot { get; set; }

    /// <summary>Whether the configuration lets the generated emitters emit this event (master switch and exclusions).</summary>
    public volatile bool Allowed = true;

    /// <summary>
    /// The sampling threshold: an emit is kept when a per-thread random 32-bit number is below it, or always at
    /// <see cref="uint.MaxValue"/> (rate 1). Stored as an int to be volatile; read as uint.
    /// </summary>
    public volatile int SampleThreshold = -1;

    /// <summary>The handlers of <paramref name="registrations"/> that receive this event, or null if none does.</summary>
    public abstract EventSlot? BuildSlot(TelemetryHub hub, IReadOnlyList<HandlerRegistration> registrations);
}

/// <summary>The typed half of <see cref="EventType"/>.</summary>
internal sealed class EventType<TEvent> : EventType
    where TEvent : struct, ITelemetryEvent
{
    private volatile EventSlot<TEvent>? _defaultSlot;

    public EventType(int index)
        : base(index, typeof(TEvent), default(TEvent).EventName)
    {
    }

    /// <summary>The default hub's slot, typed: one volatile read on the hot path.</summary>
    public EventSlot<TEvent>? TypedDefaultSlot => _defaultSlot;

    public override EventSlot? DefaultSlot
    {
        get => _defaultSlot;
        set => _defaultSlot = (EventSlot<TEvent>?)value;
    }

    public override EventSlot? BuildSlot(TelemetryHub hub, IReadOnlyList<HandlerRegistration> registrations)
    {
        List<EventSlot<TEvent>.Entry>? entries = null;
        foreach (var registration in registrations)
        {
            var worker = registration.Worker;
            var typedBound = false;
            if (registration.TryGetCallback(Type, out var callback))
            {
                var typed = (TelemetryCallback<TEvent>)callback;
                (entries ??= new()).Add(new EventSlot<TEvent>.Entry(
                    registration,
                    worker is null ? typed : worker.QueueFor(BackgroundWorker.TypedBinding, typed, null).Enqueue,
                    null));
                typedBound = true;
            }

            for (var binding = 0; binding < registration.Generics.Count; binding++)
            {
                var generic = registration.Generics[binding];
                if (typedBound && generic.YieldsToTyped)
                {
                    // An object attached whole: its handler interface for this event takes precedence.
                    continue;
                }

                if (generic.Patterns.Any(pattern => EventPatterns.Matches(pattern, Name)))
                {
                    // A background generic binding gets a queue of its own for this event, made here (under the
                    // hub's lock, when the slot is built) rather than on the emitting thread.
                    (entries ??= new()).Add(worker is null
                        ? new EventSlot<TEvent>.Entry(registration, null, generic.Handler)
                        : new EventSlot<TEvent>.Entry(registration, worker.QueueFor<TEvent>(binding, null, generic.Handler).Enqueue, null));
                }
            }
        }

        return entries is null ? null : new EventSlot<TEvent>(hub, entries.ToArray());
    }
}
