using System.Runtime.InteropServices;
using System.Threading;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// What emitters touch for one registration on every call: whether it is detached, and a state word with the events it
/// received and whether a call of it is running. On cache lines of their own (padding before and after), away from the
/// hub's and the slots' read-only data.
/// </summary>
/// <remarks>
/// One word for the count and the running mark, so that the fast path (<see cref="TelemetrySlot{TEvent}.TryEnterSingle"/>)
/// reads it once and writes it twice (entering: counted and running; leaving: counted), from a value it holds in a
/// register. Plain writes, not interlocked ones: exact from one thread; when several threads call the handler at once,
/// counts can be lost and a reading can even be lower than an earlier one, and the mark can be cleared while another
/// thread's call runs (that call's re-entries are then found one level later).
/// <para>The one rule that keeps the mark from sticking: only a call that sets the mark writes back a word it read
/// earlier with the mark in it, and it clears the mark after (the same thread, so in that order). A count taken by a
/// call that found the mark set goes through <see cref="CountWhileMarked"/>: a plain write of the word it read would set
/// the mark again if the running call cleared it in between, with no call left to clear it, and every later call of
/// the handler would take the guarded path.</para>
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal sealed class HandlerCounters
{
    /// <summary>The bit of <see cref="State"/> set while a call of the handler runs that took the unguarded path.</summary>
    public const long Running = 1;

    /// <summary>What one received event adds to <see cref="State"/>.</summary>
    public const long OneReceived = 2;

    /// <summary><see cref="Running"/>, and the events received times <see cref="OneReceived"/>.</summary>
    [FieldOffset(64)]
    public long State;

    /// <summary>Set once when the handler is detached or fails (see <see cref="HandlerRegistration.IsDetached"/>).</summary>
    [FieldOffset(72)]
    public volatile bool Detached;

    /// <summary>
    /// Counts one received event when the mark may be set by another call (a guarded or timed call): an interlocked add,
    /// which keeps whatever mark is there when it lands. Never on the fast path.
    /// </summary>
    public void CountWhileMarked() => Interlocked.Add(ref State, OneReceived);

    /// <summary>Events handed to the handler (for a background handler: offered to its queue).</summary>
    public long Received => Volatile.Read(ref State) / OneReceived;

    /// <summary>Whether a call that took the unguarded path runs now.</summary>
    public bool IsRunning => (Volatile.Read(ref State) & Running) != 0;
}
