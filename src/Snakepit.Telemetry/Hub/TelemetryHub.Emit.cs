using System;
using Snakepit.Telemetry.Dispatch;

namespace Snakepit.Telemetry;

// The hub: delivering events to this hub's handlers.
public sealed partial class TelemetryHub
{
    /// <summary>Whether any handler of this hub listens to <typeparamref name="TEvent"/>.</summary>
    public bool IsEnabled<TEvent>()
        where TEvent : struct, ITelemetryEvent => SlotOf<TEvent>() is not null;

    /// <summary>Delivers <paramref name="e"/> to this hub's handlers. Generated emitters do this for <see cref="Default"/>.</summary>
    public void Emit<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent
    {
        SlotOf<TEvent>()?.Dispatch(in e);
    }

    private TelemetrySlot<TEvent>? SlotOf<TEvent>()
        where TEvent : struct, ITelemetryEvent
    {
        // The index first: its first use registers the event type, which may add a slot to this hub.
        var index = TelemetryDispatch<TEvent>.Type.Index;
        var slots = _table.Slots;
        return (uint)index < (uint)slots.Length ? slots[index] as TelemetrySlot<TEvent> : null;
    }

    /// <summary>An event type was registered after this hub's slots were built (called by the registry, under its lock).</summary>
    internal void OnEventTypeRegistered(EventType eventType) => _table.OnEventTypeRegistered(eventType);
}
