using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>The typed half of <see cref="EventType"/>.</summary>
internal sealed class EventType<TEvent> : EventType
    where TEvent : struct, ITelemetryEvent
{
    private TelemetrySlot<TEvent>? _defaultSlot;

    public EventType(int index)
        : base(index, typeof(TEvent), default(TEvent).EventName)
    {
    }

    /// <summary>The default hub's slot, typed.</summary>
    public TelemetrySlot<TEvent>? TypedDefaultSlot => Volatile.Read(ref _defaultSlot);

    protected override TelemetrySlot? CurrentDefaultSlot => Volatile.Read(ref _defaultSlot);

    protected override void SetDefaultSlot(TelemetrySlot? slot) => Volatile.Write(ref _defaultSlot, (TelemetrySlot<TEvent>?)slot);

    protected override void PublishGate(bool registered, bool allowed, double rate)
    {
        var slot = _defaultSlot;
        var sampled = rate > 0 && rate < 1;
        TelemetryGate<TEvent>.Slot = slot;
        var sampler = TelemetryGate<TEvent>.Sampler;
        TelemetryGate<TEvent>.Sampler = !sampled ? null : sampler is not null && sampler.Rate == rate ? sampler : new TelemetrySampler(rate);
        var word = !registered ? TelemetryGate.Unregistered
            : !allowed || rate <= 0 ? TelemetryGate.Blocked
            : TelemetryGate.Idle | (slot is null ? 0 : TelemetryGate.Handlers) | (sampled ? TelemetryGate.Sampled : 0) |
              (HandlerTiming.ThresholdTicks != 0 ? TelemetryGate.Timed : 0);

        // The slot and sampler above are visible to any emitter that reads this word.
        Volatile.Write(ref TelemetryGate<TEvent>.Word, word);
    }

    public override TelemetrySlot? BuildSlot(TelemetryHub hub, IReadOnlyList<HandlerRegistration> registrations)
    {
        List<TelemetrySlot<TEvent>.Entry>? entries = null;
        foreach (var registration in registrations)
        {
            var worker = registration.Worker;
            var typedBound = false;
            if (registration.TryGetCallback(Type, out var callback))
            {
                var typed = (TelemetryCallback<TEvent>)callback;
                (entries ??= new()).Add(worker is null
                    ? new TelemetrySlot<TEvent>.Entry(registration, typed, runsUserCode: true)
                    : new TelemetrySlot<TEvent>.Entry(registration, worker.QueueFor(BackgroundWorker.TypedBinding, typed).Enqueue, runsUserCode: false));
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
                    // The generic method bound to this event type once, here, rather than looked up on every emit. A
                    // background binding gets a queue of its own for this event, made here (under the hub's lock, when
                    // the slot is built) rather than on the emitting thread.
                    TelemetryCallback<TEvent> bound = generic.Handler.Handle<TEvent>;
                    (entries ??= new()).Add(worker is null
                        ? new TelemetrySlot<TEvent>.Entry(registration, bound, runsUserCode: true)
                        : new TelemetrySlot<TEvent>.Entry(registration, worker.QueueFor(binding, bound).Enqueue, runsUserCode: false));
                }
            }
        }

        return entries is null ? null : new TelemetrySlot<TEvent>(hub, entries.ToArray());
    }
}
