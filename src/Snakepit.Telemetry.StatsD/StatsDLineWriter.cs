using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;

namespace Snakepit.Telemetry.StatsD;

/// <summary>
/// Writes one measurement as StatsD lines (each ending with <c>\n</c>) into a span, without allocating for strings,
/// booleans and numbers. A gauge below zero is written as <c>name:0|g</c> then <c>name:-5|g</c>: StatsD reads a
/// signed gauge value as a change of the current one.
/// </summary>
internal static class StatsDLineWriter
{
    /// <summary>The result of a write that did not fit: the line is longer than the space (the maximum packet size).</summary>
    public const int TooLong = -1;

    /// <summary>The result of a write of NaN or an infinity, which StatsD cannot carry.</summary>
    public const int NotFinite = -2;

    /// <summary>
    /// Between the two lines of a negative gauge instead of '\n' while they wait in the buffer, so that the flush keeps
    /// them in one packet (it splits packets at '\n' only) and turns it into '\n' when it sends. Never in a line
    /// otherwise: names and tag values are sanitised, numbers are digits.
    /// </summary>
    public const byte PairSeparator = 0x1E;

    /// <summary>How many lines a measurement makes: two for a gauge below zero, else one.</summary>
    public static int LinesOf(StatsDInstrument instrument, double value) => instrument.Type == StatsDMetricType.Gauge && value < 0 ? 2 : 1;

    /// <summary>Writes a measurement of an integer type; returns the bytes written, or <see cref="TooLong"/>.</summary>
    public static int Write(Span<byte> destination, StatsDInstrument instrument, StatsDFormat format, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        instrument.Type == StatsDMetricType.Gauge && value < 0
            ? WritePair(destination, instrument, format, value, 0, isInteger: true, tags)
            : WriteLine(destination, instrument, format, value, 0, isInteger: true, tags);

    /// <summary>Writes a measurement of a floating-point type; returns the bytes written, <see cref="TooLong"/> or <see cref="NotFinite"/>.</summary>
    public static int Write(Span<byte> destination, StatsDInstrument instrument, StatsDFormat format, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return NotFinite;
        }

        if (value == 0)
        {
            // -0.0 would be written "-0", which StatsD reads as "change the gauge by zero".
            value = 0;
        }

        return instrument.Type == StatsDMetricType.Gauge && value < 0
            ? WritePair(destination, instrument, format, 0, value, isInteger: false, tags)
            : WriteLine(destination, instrument, format, 0, value, isInteger: false, tags);
    }

    // A gauge below zero: "name:0|g" then "name:-5|g", joined by PairSeparator so they travel in one packet.
    private static int WritePair(Span<byte> destination, StatsDInstrument instrument, StatsDFormat format, long integer, double number, bool isInteger, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var zero = WriteLine(destination, instrument, format, 0, 0, isInteger: true, tags);
        if (zero < 0)
        {
            return zero;
        }

        destination[zero - 1] = PairSeparator;
        var rest = WriteLine(destination.Slice(zero), instrument, format, integer, number, isInteger, tags);
        return rest < 0 ? rest : zero + rest;
    }

    private static int WriteLine(Span<byte> destination, StatsDInstrument instrument, StatsDFormat format, long integer, double number, bool isInteger, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // The line must fit the destination with its '\n' (the destination is one packet plus one byte).
        var writer = new SpanWriter(destination);
        writer.Append(instrument.Name);
        if (format == StatsDFormat.Standard)
        {
            foreach (var tag in tags)
            {
                writer.Append((byte)'.');
                writer.AppendValue(tag.Value, standard: true);
            }
        }

        writer.Append((byte)':');
        if (isInteger)
        {
            writer.Append(integer);
        }
        else
        {
            writer.Append(number);
        }

        writer.Append((byte)'|');
        switch (instrument.Type)
        {
            case StatsDMetricType.Counter:
                writer.Append((byte)'c');
                break;
            case StatsDMetricType.Gauge:
                writer.Append((byte)'g');
                break;
            default:
                writer.Append((byte)'m');
                writer.Append((byte)'s');
                break;
        }

        if (format == StatsDFormat.DogStatsD && tags.Length > 0)
        {
            writer.Append((byte)'|');
            writer.Append((byte)'#');
            for (var i = 0; i < tags.Length; i++)
            {
                if (i > 0)
                {
                    writer.Append((byte)',');
                }

                writer.AppendText(tags[i].Key, standard: false);
                writer.Append((byte)':');
                writer.AppendValue(tags[i].Value, standard: false);
            }
        }

        writer.Append((byte)'\n');
        return writer.Overflowed ? TooLong : writer.Length;
    }

    /// <summary>A metric name's character: letters, digits, '_', '-' and '.' kept, anything else '_'.</summary>
    public static byte NameByte(char c) => IsWordChar(c) || c == '.' ? (byte)c : (byte)'_';

    private static bool IsWordChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-';

    /// <summary>Appends bytes, remembering (instead of throwing) when the destination is full.</summary>
    private ref struct SpanWriter
    {
        private readonly Span<byte> _destination;

        public SpanWriter(Span<byte> destination)
        {
            _destination = destination;
            Length = 0;
            Overflowed = false;
        }

        public int Length { get; private set; }

        public bool Overflowed { get; private set; }

        public void Append(byte b)
        {
            if (Length < _destination.Length)
            {
                _destination[Length++] = b;
            }
            else
            {
                Overflowed = true;
            }
        }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            if (bytes.TryCopyTo(_destination.Slice(Length)))
            {
                Length += bytes.Length;
            }
            else
            {
                Overflowed = true;
            }
        }

        public void Append(long value)
        {
            if (Utf8Formatter.TryFormat(value, _destination.Slice(Length), out var written))
            {
                Length += written;
            }
            else
            {
                Overflowed = true;
            }
        }

        public void Append(double value)
        {
#if NET8_0_OR_GREATER
            // Shortest text that reads back as the same double, invariant.
            if (value.TryFormat(_destination.Slice(Length), out var written, default, CultureInfo.InvariantCulture))
#else
            if (Utf8Formatter.TryFormat(value, _destination.Slice(Length), out var written))
#endif
            {
                Length += written;
            }
            else
            {
                Overflowed = true;
            }
        }

        /// <summary>A tag value: sanitised text for strings and anything else, digits for numbers, true/false.</summary>
        public void AppendValue(object? value, bool standard)
        {
            switch (value)
            {
                case null:
                    AppendText("nil", standard);
                    break;
                case string text:
                    AppendText(text, standard);
                    break;
                case bool flag:
                    AppendText(flag ? "true" : "false", standard);
                    break;
                case long number:
                    Append(number);
                    break;
                case int number:
                    Append(number);
                    break;
                case short number:
                    Append(number);
                    break;
                case byte number:
                    Append(number);
                    break;
                case double number when !double.IsNaN(number) && !double.IsInfinity(number):
                    AppendNumberText(number);
                    break;
                default:
                    // Rare (a tag of another type from a foreign instrument): formatted, which allocates.
                    AppendText(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "nil", standard);
                    break;
            }
        }

        /// <summary>Text, each character outside the format's safe set written as '_' (null as <c>nil</c>).</summary>
        public void AppendText(string? text, bool standard)
        {
            foreach (var c in text ?? "nil")
            {
                // Standard: [A-Za-z0-9_-] (a '.' would add a name segment). DogStatsD: '.' and '/' too, never ',', '|', '#', ':'.
                Append(IsWordChar(c) || (!standard && (c == '.' || c == '/')) ? (byte)c : (byte)'_');
            }
        }

        private void AppendNumberText(double number)
        {
            // A number as a tag value: its text, with the '.' of a fraction (and any sign or exponent) made safe.
            var start = Length;
            Append(number);
            if (!Overflowed)
            {
                for (var i = start; i < Length; i++)
                {
                    var b = _destination[i];
                    if (!(b is >= (byte)'0' and <= (byte)'9'))
                    {
                        _destination[i] = b == (byte)'-' ? (byte)'-' : (byte)'_';
                    }
                }
            }
        }
    }
}
