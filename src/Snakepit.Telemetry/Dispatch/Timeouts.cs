using System;
using System.Threading;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// Timeouts as users give them: <see cref="Timeout.InfiniteTimeSpan"/>, or any span up to <see cref="TimeSpan.MaxValue"/>.
/// Timers, <c>Task.Delay</c> and <c>Wait</c> take at most <see cref="int.MaxValue"/> milliseconds (24.8 days); a longer
/// span is treated as no limit rather than refused after something was done.
/// </summary>
internal static class Timeouts
{
    /// <summary>Whether <paramref name="timeout"/> is a limit the platform's timers can wait for.</summary>
    public static bool IsFinite(TimeSpan timeout) =>
        timeout != Timeout.InfiniteTimeSpan && timeout >= TimeSpan.Zero && timeout.TotalMilliseconds <= int.MaxValue;

    /// <summary>Milliseconds for <c>Wait(int)</c> and <c>Task.Delay(int)</c>: <see cref="Timeout.Infinite"/> for no limit.</summary>
    public static int ToMilliseconds(TimeSpan timeout) =>
        IsFinite(timeout) ? (int)Math.Ceiling(timeout.TotalMilliseconds) : Timeout.Infinite;
}
