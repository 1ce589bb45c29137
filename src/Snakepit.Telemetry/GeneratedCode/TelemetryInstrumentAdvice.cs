using System.ComponentModel;
using System.Diagnostics.Metrics;

namespace Snakepit.Telemetry;

/// <summary>
/// Instrument advice for generated histograms. <see cref="InstrumentAdvice{T}"/> has init-only properties, which C# 8
/// cannot set; generated code compiles from C# 8 on, so it asks this helper instead.
/// Supports generated code; not meant to be used directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TelemetryInstrumentAdvice
{
    /// <summary>Advice with explicit histogram bucket boundaries (a catalog distribution's <c>buckets</c>).</summary>
    /// <param name="boundaries">The upper bounds of the buckets, strictly increasing.</param>
    public static InstrumentAdvice<T> Buckets<T>(params T[] boundaries)
        where T : struct => new() { HistogramBucketBoundaries = boundaries };
}
