using System.ComponentModel;
using System.Runtime.CompilerServices;
using Snakepit.Telemetry.Dispatch;

namespace Snakepit.Telemetry;

/// <summary>
/// The hot path of <see cref="TelemetryHub.Default"/> for one event type, used by generated emitters. With no handler,
/// <see cref="IsEnabled"/> is one field read and one branch; with handlers, <see cref="Emit"/> takes no lock and
/// allocates nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TelemetryDispatch<TEvent>
    where TEvent : struct, ITelemetryEvent
{
    private static readonly EventType<TEvent> s_type = EventRegistry.GetOrRegister<TEvent>();

    /// <summary>Whether any handler of the default hub listens to <typeparamref name="TEvent"/>.</summary>
    public static bool IsEnabled
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => s_type.TypedDefaultSlot is not null;
    }

    /// <summary>Whether the configuration (<see cref="TelemetryConfiguration"/>) lets generated emitters emit <typeparamref name="TEvent"/>.</summary>
    public static bool IsAllowed
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => s_type.Allowed;
    }

    /// <summary>The sampling decision for one emit: always true unless a sampling rate below 1 applies to <typeparamref name="TEvent"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Sample()
    {
        var threshold = s_type.SampleThreshold;
        return threshold == -1 || SampleRandom.Next() < unchecked((uint)threshold);
    }

    internal static EventType<TEvent> Type => s_type;

    /// <summary>Delivers <paramref name="e"/> to the default hub's handlers of <typeparamref name="TEvent"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Emit(in TEvent e)
    {
        var slot = s_type.TypedDefaultSlot;
        if (slot is not null)
        {
            slot.Dispatch(in e);
        }
    }
}
