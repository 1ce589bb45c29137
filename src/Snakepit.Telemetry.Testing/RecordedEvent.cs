using System.Diagnostics;

namespace Snakepit.Telemetry.Testing;

/// <summary>One event a <see cref="TelemetryRecorder"/> recorded: the payload (boxed once, in tests only) and its name.</summary>
[DebuggerDisplay("{Name}")]
public sealed class RecordedEvent
{
    internal RecordedEvent(ITelemetryEvent payload, int managedThreadId)
    {
        Payload = payload;
        Name = payload.EventName;
        ManagedThreadId = managedThreadId;
    }

    /// <summary>The event's catalog name, e.g. <c>snakepit.python.call.stop</c>.</summary>
    public string Name { get; }

    /// <summary>The typed payload (a generated struct such as <c>PythonCallStop</c>), boxed.</summary>
    public ITelemetryEvent Payload { get; }

    /// <summary>The thread that emitted it.</summary>
    public int ManagedThreadId { get; }

    /// <inheritdoc/>
    public override string ToString() => Payload.ToString() ?? Name;
}
