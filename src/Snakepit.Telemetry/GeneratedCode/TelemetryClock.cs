using System;
using System.ComponentModel;
using System.Diagnostics;

namespace Snakepit.Telemetry;

/// <summary>
/// The monotonic clock that span helpers measure durations with (<see cref="Stopwatch"/> ticks). Supports generated
/// code; not meant to be used directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TelemetryClock
{
    private static readonly double s_ticksPerTimestamp = (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency;

    /// <summary>The current monotonic timestamp.</summary>
    public static long GetTimestamp() => Stopwatch.GetTimestamp();

    /// <summary>The time elapsed since <paramref name="startTimestamp"/>, a value of <see cref="GetTimestamp"/>.</summary>
    public static TimeSpan GetElapsedTime(long startTimestamp) =>
        new((long)((Stopwatch.GetTimestamp() - startTimestamp) * s_ticksPerTimestamp));
}
