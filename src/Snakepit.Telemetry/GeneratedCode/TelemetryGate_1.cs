using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;
using Snakepit.Telemetry.Dispatch;

namespace Snakepit.Telemetry;

/// <summary>
/// The hot path of one event type for generated emitters: the gate word, the default hub's handlers, the sampler.
/// Supports generated code; not meant to be used directly.
/// </summary>
/// <remarks>
/// No static constructor and no field initializer: reading <see cref="Word"/> is one load from a constant address. The
/// word folds everything that decides whether an emit has anything to do except instruments (see
/// <see cref="TelemetryGate"/>); it is recomputed under a per-type lock whenever the default hub's handlers or the
/// settings change, the handlers published before the word.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TelemetryGate<TEvent>
    where TEvent : struct, ITelemetryEvent
{
    /// <summary>The gate word: one of the values of <see cref="TelemetryGate"/>.</summary>
    public static int Word;

    /// <summary>The default hub's handlers of <typeparamref name="TEvent"/>, or null (written before <see cref="Word"/>).</summary>
    public static TelemetrySlot<TEvent>? Slot;

    // The sampler while a rate between 0 and 1 applies (written before Word).
    internal static TelemetrySampler? Sampler;

    /// <summary>
    /// Registers <typeparamref name="TEvent"/> (its first use: every hub builds its handlers) and returns the word. An
    /// emitter that read <see cref="TelemetryGate.Unregistered"/> calls this before anything else.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Open()
    {
        EventRegistry.GetOrRegister<TEvent>();
        return Volatile.Read(ref Word);
    }

    /// <summary>
    /// The sampling decision for one emit of an event whose word has <see cref="TelemetryGate.Sampled"/>: each emit is
    /// kept with the configured probability, independently of the others. No lock, no thread-local state: a countdown
    /// of geometrically distributed gaps per stripe (see <see cref="TelemetrySampler"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Sample()
    {
        var sampler = Sampler;
        return sampler is null || sampler.Take();
    }

    /// <summary>Delivers <paramref name="e"/> to the default hub's handlers of <typeparamref name="TEvent"/>, if any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Dispatch(in TEvent e)
    {
        var slot = Slot;
        if (slot is not null)
        {
            slot.Dispatch(in e);
        }
    }
}
