using System;

namespace Snakepit.Telemetry.Testing;

/// <summary>What a <see cref="TelemetryRecorder"/> assertion throws; its message lists what was recorded.</summary>
public sealed class TelemetryAssertionException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public TelemetryAssertionException(string message)
        : base(message)
    {
    }
}
