namespace Snakepit.Telemetry;

/// <summary>The type of a <see cref="TelemetryValue"/>, one per catalog type.</summary>
public enum TelemetryValueKind
{
    /// <summary>No value: an optional field that is absent.</summary>
    None = 0,

    /// <summary>A 64-bit integer (<c>int64</c>).</summary>
    Int64,

    /// <summary>A floating-point number (<c>double</c>).</summary>
    Double,

    /// <summary>A <see cref="System.TimeSpan"/> (<c>duration</c>).</summary>
    Duration,

    /// <summary>A <see cref="System.DateTimeOffset"/> (<c>timestamp</c>).</summary>
    Timestamp,

    /// <summary>A string (<c>string</c>).</summary>
    String,

    /// <summary>A boolean (<c>bool</c>).</summary>
    Boolean,

    /// <summary>An enum value: its catalog spelling and its numeric value.</summary>
    Enum,
}
