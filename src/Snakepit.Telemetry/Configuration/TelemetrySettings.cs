using System;
using System.Collections.Generic;

namespace Snakepit.Telemetry;

/// <summary>
/// What the generated emitters emit: a master switch, events excluded by name or prefix, and sampling rates per
/// frequency class or per event. Apply with <see cref="TelemetryConfiguration.Apply"/>; the hosting package binds it from
/// configuration (<c>"Snakepit": { "Telemetry": { ... } }</c>) and applies every change.
/// </summary>
/// <remarks>
/// An excluded or sampled-out event reaches nothing: no handler, no testing recorder, no metric. Sampling makes
/// counters and sums count the kept events only (multiply by 1/rate to estimate totals); histograms and last values
/// stay representative. A span is sampled once, at its start: its stop or exception event follows its start.
/// </remarks>
public sealed class TelemetrySettings
{
    /// <summary>
    /// Opt-in: times every handler call (two clock reads each: +62 ns per call measured on a 2-core VM, see
    /// docs/benchmarks.md; off, one static read) and reports a call
    /// slower than <see cref="SlowHandlerThreshold"/> as the built-in event <c>telemetry.handler.slow</c>, at most once a
    /// second per handler.
    /// </summary>
    public bool TimeHandlers { get; set; }

    /// <summary>With <see cref="TimeHandlers"/>, how long a handler call may take before it is reported (default 1 ms).</summary>
    public TimeSpan SlowHandlerThreshold { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>The master switch: false, and no generated emitter emits anything.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Event names (<c>snakepit.python.memory.sampled</c>) or prefixes (<c>snakepit.grpc.*</c>) never emitted.</summary>
    public IList<string> Exclude { get; } = new List<string>();

    /// <summary>
    /// Sampling rates from 0 (none) to 1 (all), keyed by a frequency class of the catalog (<c>high</c>, <c>medium</c>,
    /// <c>low</c>), an event name or a prefix (<c>snakepit.python.call.*</c>). The most specific key wins: an event
    /// name, then the longest prefix, then the event's frequency class; events no key matches are all kept.
    /// </summary>
    public IDictionary<string, double> Sampling { get; } = new Dictionary<string, double>(StringComparer.Ordinal);
}
