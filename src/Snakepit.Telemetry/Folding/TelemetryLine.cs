using System;
using System.ComponentModel;
using System.Text.Json;
using Snakepit.Telemetry.Folding;

namespace Snakepit.Telemetry;

/// <summary>
/// One telemetry line after its first pass: the raw <c>measurements</c> and <c>metadata</c> objects (already checked
/// to be well-formed JSON within <see cref="TelemetryDecoder.MaxDepth"/>) and <c>timestamp_ns</c>. Generated decoders
/// read the fields of their event from it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct TelemetryLine
{
    private static ReadOnlySpan<byte> EmptyObject => new[] { (byte)'{', (byte)'}' };

    private readonly ReadOnlySpan<byte> _measurements;
    private readonly ReadOnlySpan<byte> _metadata;

    internal TelemetryLine(ReadOnlySpan<byte> measurements, ReadOnlySpan<byte> metadata, bool hasTimestamp, long timestampNanoseconds, FoldTrace? trace)
    {
        Trace = trace;
        _measurements = measurements.IsEmpty ? EmptyObject : measurements;
        _metadata = metadata.IsEmpty ? EmptyObject : metadata;
        HasTimestamp = hasTimestamp;
        TimestampNanoseconds = timestampNanoseconds;
    }

    /// <summary>What the reader folding the line wants to learn about it (null: nothing, the decoder is used alone).</summary>
    internal FoldTrace? Trace { get; }

    /// <summary>Whether the line has a <c>timestamp_ns</c>.</summary>
    public bool HasTimestamp { get; }

    /// <summary>The line's <c>timestamp_ns</c>: nanoseconds since the Unix epoch.</summary>
    public long TimestampNanoseconds { get; }

    /// <summary>A reader positioned before the <c>measurements</c> object (an empty object when the line has none).</summary>
    public Utf8JsonReader Measurements() => new(_measurements, TelemetryDecoder.ReaderOptions);

    /// <summary>A reader positioned before the <c>metadata</c> object (an empty object when the line has none).</summary>
    public Utf8JsonReader Metadata() => new(_metadata, TelemetryDecoder.ReaderOptions);
}
