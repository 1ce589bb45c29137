using System.Runtime.InteropServices;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// What emitters touch for one registration on every call: whether it is detached, the events it received, whether a
/// call of it is running. On cache lines of their own (padding before and after), away from the hub's and the slots'
/// read-only data; the detached flag sits with the counters so a call reads one line.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal sealed class HandlerCounters
{
    /// <summary>
    /// Events handed to the handler (for a background handler: offered to its queue). A plain increment on the emitting
    /// thread, not an interlocked one: exact from one thread; when several emit at once, counts can be lost, and a
    /// reading can even be lower than an earlier one.
    /// </summary>
    [FieldOffset(64)]
    public long Received;

    /// <summary>1 while a call of the handler runs that took the unguarded path (see <see cref="TelemetrySlot{TEvent}"/>).</summary>
    /// <remarks>A whole int, read and written only as such: a read wider than the last write to it could not be served
    /// from the store buffer, a stall of a dozen cycles on every call.</remarks>
    [FieldOffset(72)]
    public int Active;

    /// <summary>Set once when the handler is detached or fails (see <see cref="HandlerRegistration.IsDetached"/>).</summary>
    [FieldOffset(76)]
    public volatile bool Detached;
}
