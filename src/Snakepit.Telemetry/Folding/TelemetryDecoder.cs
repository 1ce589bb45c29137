using System;
using System.ComponentModel;
using System.Text;
using System.Text.Json;
using Snakepit.Telemetry.Folding;

namespace Snakepit.Telemetry;

/// <summary>
/// Decodes the JSON of a worker's <c>TELEMETRY:</c> line straight into the typed event of one catalog and emits it.
/// Each catalog generates one: <c>&lt;Catalog&gt;Events.Decoder</c>. It reads with <see cref="Utf8JsonReader"/>, checks
/// every field's name and type against the catalog, ignores keys the catalog does not declare (a reader counts them:
/// <see cref="WorkerTelemetryReader.UnknownFields"/>), boxes nothing and
/// allocates only the strings the emitted event keeps. Use it through <see cref="WorkerTelemetryReader"/>.
/// </summary>
/// <remarks>
/// The JSON object has <c>event</c> (the event name without the catalog's prefix: <c>python.call.stop</c> is
/// <c>snakepit.python.call.stop</c> of the catalog <c>snakepit</c>; the full name is accepted too), <c>measurements</c> (numbers), <c>metadata</c>
/// (strings, numbers, booleans) and an optional <c>timestamp_ns</c>. Durations are nanoseconds unless the field declares
/// <c>unit: us</c>, <c>ms</c> or <c>s</c>; timestamps are nanoseconds since the Unix epoch, and a timestamp field the line
/// leaves out takes <c>timestamp_ns</c>; enums use their catalog spelling.
/// </remarks>
public abstract class TelemetryDecoder
{
    /// <summary>How deep a line's JSON may nest (the object itself is depth 1); deeper lines are <see cref="FoldResult.TooDeep"/>.</summary>
    public const int MaxDepth = 16;

    internal static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    private static ReadOnlySpan<byte> EventKey => "event"u8;

    private static ReadOnlySpan<byte> MeasurementsKey => "measurements"u8;

    private static ReadOnlySpan<byte> MetadataKey => "metadata"u8;

    private static ReadOnlySpan<byte> TimestampKey => "timestamp_ns"u8;

    /// <summary>Creates the decoder of the catalog <paramref name="catalogName"/>.</summary>
    protected TelemetryDecoder(string catalogName)
    {
        CatalogName = catalogName ?? throw new ArgumentNullException(nameof(catalogName));
        _prefix = Encoding.UTF8.GetBytes(catalogName + ".");
    }

    private readonly byte[] _prefix;

    /// <summary>The catalog whose events this decoder knows (event names in lines are relative to it).</summary>
    public string CatalogName { get; }

    /// <summary>
    /// Decodes one JSON object (the text after <c>TELEMETRY:</c>) and, when it is an event of the catalog with every
    /// field right, emits it with <paramref name="context"/>'s node, pool and worker. Never throws because of the input.
    /// </summary>
    /// <returns><see cref="FoldResult.Folded"/>, or why the line was dropped.</returns>
    public FoldResult Decode(ReadOnlySpan<byte> json, WorkerContext context) => Decode(json, context, null);

    /// <summary>Decodes one line for a reader, telling <paramref name="trace"/> what it learns on the way.</summary>
    internal FoldResult Decode(ReadOnlySpan<byte> json, WorkerContext context, FoldTrace? trace)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        if (!Utf8Validation.IsValid(json))
        {
            return FoldResult.InvalidUtf8;
        }

        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            return DecodeObject(ref reader, json, context, trace);
        }
        catch (JsonException)
        {
            // A field noted before the syntax error is not what is at fault.
            trace?.ForgetField();

            // Which syntax error: a nesting the reader refused, a NaN or infinity as Python writes them, or any other.
            if (JsonShape.DeeperThan(json, MaxDepth))
            {
                return FoldResult.TooDeep;
            }

            return JsonShape.HasNonFiniteLiteral(json) ? FoldResult.NotFinite : FoldResult.Malformed;
        }
        catch (InvalidOperationException)
        {
            trace?.ForgetField();

            // GetString of an escaped lone surrogate ("\ud800"): the only way valid UTF-8 still fails to transcode.
            return FoldResult.InvalidUtf8;
        }
    }

    private FoldResult DecodeObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, WorkerContext context, FoldTrace? trace)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            // Reading the rest turns a bare NaN or a syntax error into the exception the caller classifies.
            while (reader.Read())
            {
            }

            return FoldResult.Malformed;
        }

        ReadOnlySpan<byte> eventName = default;
        var hasEvent = false;
        ReadOnlySpan<byte> measurements = default;
        ReadOnlySpan<byte> metadata = default;
        var hasTimestamp = false;
        long timestamp = 0;
        var problem = FoldResult.Folded;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(EventKey))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    eventName = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
                    hasEvent = true;
                    trace?.NoteEvent(eventName);
                }
                else
                {
                    hasEvent = false;
                    Remember(ref problem, reader.TokenType == JsonTokenType.Null ? FoldResult.MissingField : FoldResult.WrongType, trace, EventKey);
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals(MeasurementsKey))
            {
                Remember(ref problem, ReadObject(ref reader, out var start, out var length), trace, MeasurementsKey);
                measurements = json.Slice(start, length);
            }
            else if (reader.ValueTextEquals(MetadataKey))
            {
                Remember(ref problem, ReadObject(ref reader, out var start, out var length), trace, MetadataKey);
                metadata = json.Slice(start, length);
            }
            else if (reader.ValueTextEquals(TimestampKey))
            {
                Remember(ref problem, ReadInt64(ref reader, out timestamp, out hasTimestamp), trace, TimestampKey);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Anything after the object (a second value, stray text) throws here and is Malformed.
        while (reader.Read())
        {
        }

        if (problem != FoldResult.Folded)
        {
            return problem;
        }

        if (!hasEvent)
        {
            trace?.NoteField(EventKey);
            return FoldResult.MissingField;
        }

        return DecodeNamed(eventName, new TelemetryLine(measurements, metadata, hasTimestamp, timestamp, trace), context);
    }

    /// <summary>
    /// Decodes an event named relative to the catalog (<c>python.call.stop</c>) or by its full name
    /// (<c>snakepit.python.call.stop</c>). A composite decoder asks each of its decoders in turn.
    /// </summary>
    internal virtual FoldResult DecodeNamed(ReadOnlySpan<byte> eventName, in TelemetryLine line, WorkerContext context)
    {
        if (IsFullName(eventName))
        {
            var result = DecodeEvent(eventName.Slice(_prefix.Length), in line, context);
            if (result != FoldResult.UnknownEvent)
            {
                return result;
            }
        }

        return DecodeEvent(eventName, in line, context);
    }

    /// <summary>Whether <paramref name="eventName"/> starts with the catalog's name and a dot.</summary>
    internal bool IsFullName(ReadOnlySpan<byte> eventName) =>
        eventName.Length > _prefix.Length && eventName.Slice(0, _prefix.Length).SequenceEqual(_prefix);

    /// <summary>Decodes an event named relative to the catalog only.</summary>
    internal FoldResult DecodeRelative(ReadOnlySpan<byte> eventName, in TelemetryLine line, WorkerContext context) =>
        DecodeEvent(eventName, in line, context);

    /// <summary>Decodes an event named by its full name only.</summary>
    internal FoldResult DecodeFull(ReadOnlySpan<byte> eventName, in TelemetryLine line, WorkerContext context) =>
        IsFullName(eventName) ? DecodeEvent(eventName.Slice(_prefix.Length), in line, context) : FoldResult.UnknownEvent;

    // The first problem wins, but the object is read to its end so a later syntax error still reads as Malformed.
    private static void Remember(ref FoldResult problem, FoldResult result, FoldTrace? trace, ReadOnlySpan<byte> key)
    {
        if (problem == FoldResult.Folded && result != FoldResult.Folded)
        {
            problem = result;
            trace?.NoteField(key);
        }
    }

    // Where the object value of the current property lies in the line (length 0: null or not an object).
    private static FoldResult ReadObject(ref Utf8JsonReader reader, out int start, out int length)
    {
        start = 0;
        length = 0;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return FoldResult.Folded;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return FoldResult.WrongType;
        }

        start = (int)reader.TokenStartIndex;
        reader.Skip();
        length = (int)reader.BytesConsumed - start;
        return FoldResult.Folded;
    }

    /// <summary>
    /// Decodes the event named <paramref name="eventName"/> (UTF-8, relative to the catalog) from <paramref name="line"/>
    /// and emits it. Generated per catalog.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract FoldResult DecodeEvent(ReadOnlySpan<byte> eventName, in TelemetryLine line, WorkerContext context);

    /// <summary>Moves to the next property of the object being read; false at its end.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            reader.Read();
        }

        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Skips the value of the current property (a key the catalog does not declare).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>
    /// Skips the value of the current property, a key <paramref name="eventName"/> does not declare in its
    /// <c>measurements</c> (or, when <paramref name="metadata"/>, its <c>metadata</c>), and counts it for the reader
    /// (<see cref="WorkerTelemetryReader.UnknownFields"/>). Supports generated code.
    /// </summary>
    /// <param name="reader">The reader of the section, on the key.</param>
    /// <param name="line">The line being decoded.</param>
    /// <param name="eventName">The event's full name, in UTF-8.</param>
    /// <param name="metadata">Whether the key is in <c>metadata</c> (else in <c>measurements</c>).</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static void SkipUnknownField(ref Utf8JsonReader reader, in TelemetryLine line, ReadOnlySpan<byte> eventName, bool metadata)
    {
        line.Trace?.CountUnknown(ref reader, eventName, metadata);
        reader.Read();
        reader.Skip();
    }

    /// <summary>
    /// Returns <paramref name="result"/>, the reason the line is dropped, noting for the reader
    /// (<see cref="WorkerTelemetryReader.OnDropped"/>) the event and the field at fault. Supports generated code.
    /// </summary>
    /// <param name="result">Why the line is dropped.</param>
    /// <param name="line">The line being decoded.</param>
    /// <param name="eventName">The event's full name, in UTF-8.</param>
    /// <param name="field">The field at fault, in UTF-8.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static FoldResult FieldFailed(FoldResult result, in TelemetryLine line, ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> field)
    {
        var trace = line.Trace;
        if (trace is not null)
        {
            trace.NoteEvent(eventName);
            trace.NoteField(field);
        }

        return result;
    }

    // Moves to the current property's value: null is absent (Folded, not present), a token other than the expected one
    // is WrongType (skipped, so the object can be read on).
    private static FoldResult MoveToValue(ref Utf8JsonReader reader, JsonTokenType expected, out bool present)
    {
        reader.Read();
        present = reader.TokenType != JsonTokenType.Null;
        if (!present || reader.TokenType == expected)
        {
            return FoldResult.Folded;
        }

        reader.Skip();
        return FoldResult.WrongType;
    }

    /// <summary>Reads an int64 value; a fraction or a value beyond int64 is out of range. Null is absent.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static FoldResult ReadInt64(ref Utf8JsonReader reader, out long value, out bool present)
    {
        value = 0;
        var start = MoveToValue(ref reader, JsonTokenType.Number, out present);
        if (start != FoldResult.Folded || !present)
        {
            return start;
        }

        if (reader.TryGetInt64(out value))
        {
            return FoldResult.Folded;
        }

        // 5.0 or 1e3 are integers written as floats: accept them when they fit, exactly (decimal holds 28 digits, so
        // 9007199254740993.0 stays itself where a double would round it).
        if (reader.TryGetDecimal(out var number) && number == decimal.Truncate(number) && number >= long.MinValue && number <= long.MaxValue)
        {
            value = (long)number;
            return FoldResult.Folded;
        }

        return FoldResult.OutOfRange;
    }

    /// <summary>Reads a finite double. Null is absent.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static FoldResult ReadDouble(ref Utf8JsonReader reader, out double value, out bool present)
    {
        value = 0;
        var start = MoveToValue(ref reader, JsonTokenType.Number, out present);
        if (start != FoldResult.Folded || !present)
        {
            return start;
        }

        return reader.TryGetDouble(out value) && !double.IsInfinity(value) ? FoldResult.Folded : FoldResult.OutOfRange;
    }

    /// <summary>
    /// Reads a duration given in a unit of <paramref name="nanosecondsPerUnit"/> nanoseconds (1 for ns, 1000 for us...).
    /// Negative or beyond <see cref="TimeSpan.MaxValue"/> is out of range. Null is absent.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static FoldResult ReadDuration(ref Utf8JsonReader reader, long nanosecondsPerUnit, out TimeSpan value, out bool present)
    {
        value = default;
        var start = MoveToValue(ref reader, JsonTokenType.Number, out present);
        if (start != FoldResult.Folded || !present)
        {
            return start;
        }

        long ticks;
        if (reader.TryGetInt64(out var whole))
        {
            if (whole < 0)
            {
                return FoldResult.OutOfRange;
            }

            if (nanosecondsPerUnit == 1)
            {
                ticks = whole / 100;
            }
            else
            {
                var ticksPerUnit = nanosecondsPerUnit / 100;
                if (whole > long.MaxValue / ticksPerUnit)
                {
                    return FoldResult.OutOfRange;
                }

                ticks = whole * ticksPerUnit;
            }
        }
        else
        {
            if (!reader.TryGetDouble(out var number) || double.IsInfinity(number))
            {
                return FoldResult.OutOfRange;
            }

            // Whole nanoseconds first: 32.3 us is 32299.999999999996 ns in binary floating point, and must be 323 ticks.
            var nanoseconds = Math.Round(number * nanosecondsPerUnit, MidpointRounding.AwayFromZero);
            if (nanoseconds < 0 || nanoseconds >= 9.2233720368547758E18)
            {
                return FoldResult.OutOfRange;
            }

            ticks = (long)nanoseconds / 100;
        }

        value = new TimeSpan(ticks);
        return FoldResult.Folded;
    }

    /// <summary>Reads a timestamp in nanoseconds since the Unix epoch. Null is absent.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static FoldResult ReadTimestamp(ref Utf8JsonReader reader, out DateTimeOffset value, out bool present)
    {
        value = default;
        var result = ReadInt64(ref reader, out var nanoseconds, out present);
        if (result == FoldResult.Folded && present)
        {
            value = FromUnixNanoseconds(nanoseconds);
        }

        return result;
    }

    /// <summary>The time of a line's <c>timestamp_ns</c>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static DateTimeOffset TimestampOf(in TelemetryLine line) => FromUnixNanoseconds(line.TimestampNanoseconds);

    // Every int64 of nanoseconds (1677 to 2262) is a valid DateTimeOffset: no range check is needed.
    private static DateTimeOffset FromUnixNanoseconds(long nanoseconds) =>
        new(UnixEpochTicks + (nanoseconds / 100), TimeSpan.Zero);

    private const long UnixEpochTicks = 621_355_968_000_000_000;

    /// <summary>Reads a string; allocates it only when <paramref name="keep"/> (the event will be emitted). Null is absent.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static FoldResult ReadString(ref Utf8JsonReader reader, bool keep, out string? value, out bool present)
    {
        value = null;
        var start = MoveToValue(ref reader, JsonTokenType.String, out present);
        if (start != FoldResult.Folded || !present)
        {
            return start;
        }

        if (keep)
        {
            value = reader.GetString();
        }
        else if (reader.ValueIsEscaped)
        {
            // Unescaping is what finds an escaped lone surrogate: check it even when the value is not kept.
            _ = reader.GetString();
        }

        return FoldResult.Folded;
    }

    /// <summary>Reads a boolean. Null is absent.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static FoldResult ReadBoolean(ref Utf8JsonReader reader, out bool value, out bool present)
    {
        value = false;
        reader.Read();
        present = reader.TokenType != JsonTokenType.Null;
        if (!present)
        {
            return FoldResult.Folded;
        }

        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
        {
            value = reader.TokenType == JsonTokenType.True;
            return FoldResult.Folded;
        }

        reader.Skip();
        return FoldResult.WrongType;
    }

    /// <summary>
    /// Why a string is no value of an enum: an escaped lone surrogate is <see cref="FoldResult.InvalidUtf8"/>, anything
    /// else <see cref="FoldResult.OutOfRange"/>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static FoldResult NotAnEnumValue(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            try
            {
                _ = reader.GetString();
            }
            catch (InvalidOperationException)
            {
                return FoldResult.InvalidUtf8;
            }
        }

        return FoldResult.OutOfRange;
    }

    /// <summary>
    /// Moves to an enum value: a string the generated code compares with the catalog's spellings
    /// (<see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/>). Null is absent.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static FoldResult ReadEnum(ref Utf8JsonReader reader, out bool present)
    {
        return MoveToValue(ref reader, JsonTokenType.String, out present);
    }
}
