using System;

namespace Snakepit.Telemetry.StatsD;

/// <summary>What <see cref="StatsDExporter"/> reports through the runtime's failure channel when sends fail; the socket or DNS error is its inner exception.</summary>
public sealed class StatsDSendException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StatsDSendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
