namespace Snakepit.Telemetry;

/// <summary>
/// What <see cref="WorkerTelemetryReader"/> did with one line a worker wrote. <see cref="Folded"/> and
/// <see cref="NotTelemetry"/> are the normal outcomes; every other value is a reason the line was dropped, counted by
/// <see cref="WorkerTelemetryReader.Count"/>.
/// </summary>
public enum FoldResult
{
    /// <summary>A <c>TELEMETRY:</c> line decoded into its typed event and emitted (to whatever listens).</summary>
    Folded,

    /// <summary>A line without the <c>TELEMETRY:</c> prefix: ordinary log output, handed to the log callback.</summary>
    NotTelemetry,

    /// <summary>The <c>event</c> names no event of the decoder's catalog (relative, <c>python.call.stop</c>, or full, <c>snakepit.python.call.stop</c>).</summary>
    UnknownEvent,

    /// <summary>Not a single JSON object after the prefix (a syntax error, trailing text, an array, a string...).</summary>
    Malformed,

    /// <summary>The line is longer than <see cref="WorkerTelemetryReader.MaxLineLength"/> bytes.</summary>
    TooLong,

    /// <summary>The JSON nests deeper than <see cref="TelemetryDecoder.MaxDepth"/>.</summary>
    TooDeep,

    /// <summary>A field has the wrong JSON type for its catalog type (a string for a number, a number for a string...).</summary>
    WrongType,

    /// <summary>The <c>event</c> or a required field of the event is missing (or <c>null</c>).</summary>
    MissingField,

    /// <summary>A number does not fit its field (an int64 overflow, a fraction for an integer, a negative duration) or an enum value the catalog does not declare.</summary>
    OutOfRange,

    /// <summary>A number is <c>NaN</c> or infinite (Python's <c>json.dumps</c> writes them unless <c>allow_nan=False</c>).</summary>
    NotFinite,

    /// <summary>The line is not valid UTF-8, or a key or a field the event reads escapes a lone surrogate (<c>"\ud800"</c>).</summary>
    InvalidUtf8,
}
