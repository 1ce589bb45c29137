using System;
using System.Collections.Generic;

namespace Snakepit.Telemetry.StatsD;

/// <summary>Where and how <see cref="StatsDExporter"/> sends.</summary>
public sealed class StatsDExporterOptions
{
    /// <summary>The default of <see cref="MaxPacketSize"/>: 1432 bytes, a UDP payload that fits an Ethernet MTU of 1500 with IPv6 headers.</summary>
    public const int DefaultMaxPacketSize = 1432;

    /// <summary>The daemon's host name or address (default <c>localhost</c>). Resolved when the first packet is sent, and again after a send error.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>The daemon's UDP port (default 8125).</summary>
    public int Port { get; set; } = 8125;

    /// <summary>The names of the Meters to send (<c>SnakepitEvents.MeterName</c>, <c>MyappEvents.MeterName</c>...): every instrument of each.</summary>
    public IList<string> MeterNames { get; } = new List<string>();

    /// <summary>Put before every metric name with a dot (<c>myapp</c> makes <c>myapp.snakepit.pool.status.queue_depth</c>); none by default.</summary>
    public string? Prefix { get; set; }

    /// <summary>How tags are written (default <see cref="StatsDFormat.Standard"/>).</summary>
    public StatsDFormat Format { get; set; } = StatsDFormat.Standard;

    /// <summary>How often buffered lines are sent (default 1 second). <see cref="StatsDExporter.Flush"/> sends at once.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest UDP payload (default <see cref="DefaultMaxPacketSize"/>). Lines are batched into packets up to this size, never split; a longer line is dropped.</summary>
    public int MaxPacketSize { get; set; } = DefaultMaxPacketSize;

    /// <summary>How many bytes of lines may wait for the next flush (default 256 KiB); lines that do not fit are dropped and counted.</summary>
    public int MaxBufferedBytes { get; set; } = 256 * 1024;

    /// <summary>Throws if a value cannot work, saying which and why.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("StatsD: Host is empty; give the daemon's host name or address.", nameof(Host));
        }

        if (Port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "StatsD: Port must be 1 to 65535.");
        }

        if (MeterNames.Count == 0)
        {
            throw new ArgumentException("StatsD: no meter to send; add the catalog's meter name (e.g. SnakepitEvents.MeterName).", nameof(MeterNames));
        }

        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(FlushInterval), FlushInterval, "StatsD: FlushInterval must be more than zero and at most an hour.");
        }

        if (MaxPacketSize is < 64 or > 65507)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPacketSize), MaxPacketSize, "StatsD: MaxPacketSize must be 64 to 65507 bytes (a UDP payload).");
        }

        if (MaxBufferedBytes < MaxPacketSize + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBufferedBytes), MaxBufferedBytes, "StatsD: MaxBufferedBytes must hold at least one packet (MaxPacketSize + 1).");
        }

        if (Format is not StatsDFormat.Standard and not StatsDFormat.DogStatsD)
        {
            throw new ArgumentOutOfRangeException(nameof(Format), Format, "StatsD: Format must be Standard or DogStatsD.");
        }
    }
}
