using System;
using System.Globalization;

namespace Snakepit.Telemetry;

/// <summary>
/// The value of one event field, readable without knowing the event type and without boxing: a small union of the
/// catalog types (integer, double, duration, timestamp, string, bool, enum).
/// </summary>
public readonly struct TelemetryValue : IEquatable<TelemetryValue>
{
    private readonly long _bits;
    private readonly string? _text;
    private readonly short _offsetMinutes;

    private TelemetryValue(TelemetryValueKind kind, long bits, string? text = null, short offsetMinutes = 0)
    {
        Kind = kind;
        _bits = bits;
        _text = text;
        _offsetMinutes = offsetMinutes;
    }

    /// <summary>An absent value (an optional field that was not given).</summary>
    public static TelemetryValue None => default;

    /// <summary>The value's type.</summary>
    public TelemetryValueKind Kind { get; }

    /// <summary>Whether the value is absent.</summary>
    public bool IsNone => Kind == TelemetryValueKind.None;

    /// <summary>An integer value.</summary>
    public static TelemetryValue FromInt64(long value) => new(TelemetryValueKind.Int64, value);

    /// <summary>An integer value, or <see cref="None"/>.</summary>
    public static TelemetryValue FromInt64(long? value) => value.HasValue ? FromInt64(value.Value) : None;

    /// <summary>A floating-point value.</summary>
    public static TelemetryValue FromDouble(double value) => new(TelemetryValueKind.Double, BitConverter.DoubleToInt64Bits(value));

    /// <summary>A floating-point value, or <see cref="None"/>.</summary>
    public static TelemetryValue FromDouble(double? value) => value.HasValue ? FromDouble(value.Value) : None;

    /// <summary>A duration.</summary>
    public static TelemetryValue FromDuration(TimeSpan value) => new(TelemetryValueKind.Duration, value.Ticks);

    /// <summary>A duration, or <see cref="None"/>.</summary>
    public static TelemetryValue FromDuration(TimeSpan? value) => value.HasValue ? FromDuration(value.Value) : None;

    /// <summary>A point in time.</summary>
    public static TelemetryValue FromTimestamp(DateTimeOffset value) =>
        new(TelemetryValueKind.Timestamp, value.UtcTicks, null, (short)value.Offset.TotalMinutes);

    /// <summary>A point in time, or <see cref="None"/>.</summary>
    public static TelemetryValue FromTimestamp(DateTimeOffset? value) => value.HasValue ? FromTimestamp(value.Value) : None;

    /// <summary>A string, or <see cref="None"/> for null.</summary>
    public static TelemetryValue FromString(string? value) => value is null ? None : new(TelemetryValueKind.String, 0, value);

    /// <summary>A boolean.</summary>
    public static TelemetryValue FromBoolean(bool value) => new(TelemetryValueKind.Boolean, value ? 1 : 0);

    /// <summary>A boolean, or <see cref="None"/>.</summary>
    public static TelemetryValue FromBoolean(bool? value) => value.HasValue ? FromBoolean(value.Value) : None;

    /// <summary>An enum value, by its catalog spelling and its numeric value.</summary>
    public static TelemetryValue FromEnum(string catalogValue, long numericValue) =>
        new(TelemetryValueKind.Enum, numericValue, catalogValue ?? throw new ArgumentNullException(nameof(catalogValue)));

    /// <summary>The integer (or an enum's numeric value).</summary>
    public long AsInt64() => Kind is TelemetryValueKind.Int64 or TelemetryValueKind.Enum ? _bits : throw WrongKind(TelemetryValueKind.Int64);

    /// <summary>The floating-point number.</summary>
    public double AsDouble() => Kind == TelemetryValueKind.Double ? BitConverter.Int64BitsToDouble(_bits) : throw WrongKind(TelemetryValueKind.Double);

    /// <summary>The duration.</summary>
    public TimeSpan AsDuration() => Kind == TelemetryValueKind.Duration ? new TimeSpan(_bits) : throw WrongKind(TelemetryValueKind.Duration);

    /// <summary>The point in time.</summary>
    public DateTimeOffset AsTimestamp() =>
        Kind == TelemetryValueKind.Timestamp
            ? new DateTimeOffset(_bits, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(_offsetMinutes))
            : throw WrongKind(TelemetryValueKind.Timestamp);

    /// <summary>The string, or an enum's catalog spelling.</summary>
    public string AsString() => Kind is TelemetryValueKind.String or TelemetryValueKind.Enum ? _text! : throw WrongKind(TelemetryValueKind.String);

    /// <summary>The boolean.</summary>
    public bool AsBoolean() => Kind == TelemetryValueKind.Boolean ? _bits != 0 : throw WrongKind(TelemetryValueKind.Boolean);

    /// <summary>
    /// The value as a number for metrics: integers and doubles as they are, durations in seconds, timestamps in
    /// Unix seconds, booleans as 0 or 1. Strings, enums and absent values are not numbers.
    /// </summary>
    public bool TryGetNumber(out double value)
    {
        switch (Kind)
        {
            case TelemetryValueKind.Int64:
                value = _bits;
                return true;
            case TelemetryValueKind.Double:
                value = BitConverter.Int64BitsToDouble(_bits);
                return true;
            case TelemetryValueKind.Duration:
                value = _bits / (double)TimeSpan.TicksPerSecond;
                return true;
            case TelemetryValueKind.Timestamp:
                value = (_bits - UnixEpochTicks) / (double)TimeSpan.TicksPerSecond;
                return true;
            case TelemetryValueKind.Boolean:
                value = _bits;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    private const long UnixEpochTicks = 621355968000000000L;

    /// <summary>The value, formatted with the invariant culture; empty for <see cref="None"/>.</summary>
    public override string ToString() => Kind switch
    {
        TelemetryValueKind.Int64 => _bits.ToString(CultureInfo.InvariantCulture),
        TelemetryValueKind.Double => AsDouble().ToString("R", CultureInfo.InvariantCulture),
        TelemetryValueKind.Duration => AsDuration().ToString("c", CultureInfo.InvariantCulture),
        TelemetryValueKind.Timestamp => AsTimestamp().ToString("O", CultureInfo.InvariantCulture),
        TelemetryValueKind.String or TelemetryValueKind.Enum => _text!,
        TelemetryValueKind.Boolean => _bits != 0 ? "true" : "false",
        _ => string.Empty,
    };

    /// <inheritdoc/>
    public bool Equals(TelemetryValue other) =>
        Kind == other.Kind && _bits == other._bits && _offsetMinutes == other._offsetMinutes &&
        string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TelemetryValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        unchecked(((int)Kind * 397) ^ _bits.GetHashCode() ^ (_text is null ? 0 : StringComparer.Ordinal.GetHashCode(_text)));

    /// <summary>Compares two values.</summary>
    public static bool operator ==(TelemetryValue left, TelemetryValue right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    public static bool operator !=(TelemetryValue left, TelemetryValue right) => !left.Equals(right);

    private InvalidOperationException WrongKind(TelemetryValueKind wanted) =>
        new($"The value is {Kind}, not {wanted}.");
}
