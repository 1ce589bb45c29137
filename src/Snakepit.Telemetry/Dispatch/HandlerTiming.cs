using System.Diagnostics;
using System.Threading;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// Opt-in timing of handler calls (<see cref="TelemetrySettings.TimeHandlers"/>): the threshold in Stopwatch ticks, 0
/// when timing is off (then a handler call costs one more static read), and the rate limit of slow reports.
/// </summary>
internal static class HandlerTiming
{
    private static long s_thresholdTicks;

    /// <summary>Stopwatch ticks above which a call is slow; 0: not timed.</summary>
    public static long ThresholdTicks => Volatile.Read(ref s_thresholdTicks);

    public static void Set(bool enabled, System.TimeSpan threshold)
    {
        // Clamped: a threshold of TimeSpan.MaxValue is more Stopwatch ticks than a long holds.
        var ticks = threshold.TotalSeconds * Stopwatch.Frequency;
        var clamped = ticks >= long.MaxValue ? long.MaxValue : System.Math.Max(1, (long)ticks);
        Volatile.Write(ref s_thresholdTicks, enabled ? clamped : 0);
    }

    /// <summary>True at most once per second per handler: the first slow call of each second is reported.</summary>
    public static bool ShouldReport(HandlerRegistration registration, long now)
    {
        var last = Interlocked.Read(ref registration.LastSlowReport);
        return (last == 0 || now - last >= Stopwatch.Frequency) &&
               Interlocked.CompareExchange(ref registration.LastSlowReport, now, last) == last;
    }
}
