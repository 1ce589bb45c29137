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
public abstract partial class TelemetryDecoder
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
}
