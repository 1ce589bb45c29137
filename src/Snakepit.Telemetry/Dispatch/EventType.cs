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
