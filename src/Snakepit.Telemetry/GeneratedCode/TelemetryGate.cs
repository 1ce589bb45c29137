using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Snakepit.Telemetry;

/// <summary>
/// The values of <see cref="TelemetryGate{TEvent}.Word"/>, the one field a generated emitter reads first. Supports
/// generated code; not meant to be used directly.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="Unregistered"/> (0, a static field's initial value): the event type was never used; the emitter
/// takes its slow path, which registers it, so a handler attached before the first emit still receives it.</item>
/// <item><see cref="Blocked"/> (negative): telemetry is switched off, the event is excluded, or sampled at rate 0: the
/// emitter does nothing, not even record metrics.</item>
/// <item><see cref="Idle"/> (1): allowed, not sampled, no handler of the default hub: the emitter only looks at the
/// event's instruments (MeterListeners give no notice of their changes, so those flags are read inline).</item>
/// <item>Otherwise <see cref="Idle"/> with <see cref="Handlers"/> (the default hub has a handler, a recorder's observer
/// included) and/or <see cref="Sampled"/> (a rate below 1 applies), and <see cref="Timed"/> while handler timing is
/// on.</item>
/// </list>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TelemetryGate
{
    /// <summary>The event type is not registered yet.</summary>
    public const int Unregistered = 0;

    /// <summary>Registered and allowed; no handler, no sampling.</summary>
    public const int Idle = 1;

    /// <summary>Bit: the default hub has a handler of the event.</summary>
    public const int Handlers = 2;

    /// <summary>Bit: a sampling rate below 1 applies (decide with <see cref="TelemetryGate{TEvent}.Sample"/>).</summary>
    public const int Sampled = 4;

    /// <summary>Bit: handler timing is on; handlers are called through <see cref="TelemetrySlot{TEvent}.Dispatch"/>, which times them.</summary>
    public const int Timed = 8;

    /// <summary>Switched off, excluded, or sampled at rate 0.</summary>
    public const int Blocked = -1;

    /// <summary>
    /// Whether an event whose word is <paramref name="word"/> has nothing to deliver to handlers and no sampling decision
    /// to make: idle or blocked. (Instruments and activity listeners are checked apart.) Generated spans use it to
    /// decide, at start, whether anything observes them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsQuiet(int word) => word == Idle || word < 0;
}
