using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// One event payload type known to the process: its dense index (for the hubs' slot arrays), its name, the settings
/// that apply to it, and the typed code that builds its dispatch slot and maintains its gate
/// (<see cref="TelemetryGate{TEvent}"/>).
/// </summary>
internal abstract class EventType
{
    private readonly object _gateLock = new();
    private bool _registered;
    private bool _allowed = true;
    private double _rate = 1;

    protected EventType(int index, Type type, string name)
    {
        Index = index;
        Type = type;
        Name = name;
    }

    public int Index { get; }

    public Type Type { get; }

    public string Name { get; }

    /// <summary>Whether the configuration lets the generated emitters emit this event (master switch and exclusions).</summary>
    public bool Allowed => Volatile.Read(ref _allowed);

    /// <summary>The slot of <see cref="TelemetryHub.Default"/>; null when no handler listens.</summary>
    public TelemetrySlot? DefaultSlot
    {
        get => CurrentDefaultSlot;
        set
        {
            lock (_gateLock)
            {
                SetDefaultSlot(value);
                UpdateGate();
            }
        }
    }

    /// <summary>Applies the settings in force: the switch and exclusions (<paramref name="allowed"/>) and the sampling rate.</summary>
    public void Configure(bool allowed, double rate)
    {
        lock (_gateLock)
        {
            _allowed = allowed;
            _rate = rate;
            UpdateGate();
        }
    }

    /// <summary>
    /// The type is in the registry and every hub has its slot: from now on the gate tells emitters the truth, so they
    /// stop taking the slow path that registers the type.
    /// </summary>
    public void MarkRegistered()
    {
        lock (_gateLock)
        {
            _registered = true;
            UpdateGate();
        }
    }

    /// <summary>The handlers of <paramref name="registrations"/> that receive this event, or null if none does.</summary>
    public abstract TelemetrySlot? BuildSlot(TelemetryHub hub, IReadOnlyList<HandlerRegistration> registrations);

    protected abstract TelemetrySlot? CurrentDefaultSlot { get; }

    protected abstract void SetDefaultSlot(TelemetrySlot? slot);

    /// <summary>Publishes the gate's slot and sampler, then its word (emitters read the word first). Caller holds the gate lock.</summary>
    protected abstract void PublishGate(bool registered, bool allowed, double rate);

    private void UpdateGate() => PublishGate(_registered, _allowed, _rate);
}

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
