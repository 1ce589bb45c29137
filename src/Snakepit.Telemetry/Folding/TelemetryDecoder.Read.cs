using System;
using System.ComponentModel;
using System.Text;
using System.Text.Json;
using Snakepit.Telemetry.Folding;

namespace Snakepit.Telemetry;

// The typed readers the generated decoders call, one per field type, and what they report (as Utf8JsonReader.TryGet.cs
// holds its reader's typed getters); the envelope (event, measurements, metadata, timestamp) is TelemetryDecoder.cs.
public abstract partial class TelemetryDecoder
{
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
