using System.Collections.Generic;

namespace Snakepit.Telemetry;

/// <summary>An attached handler, as <see cref="TelemetryHub.ListHandlers"/> reports it.</summary>
public sealed class TelemetryHandlerInfo
{
    internal TelemetryHandlerInfo(string id, IReadOnlyList<string> events, object handler, TelemetryDispatchMode dispatchMode, long droppedEvents)
    {
        Id = id;
        Events = events;
        Handler = handler;
        DispatchMode = dispatchMode;
        DroppedEvents = droppedEvents;
    }

    /// <summary>Where the handler runs.</summary>
    public TelemetryDispatchMode DispatchMode { get; }

    /// <summary>For a background handler, the events dropped so far because its queue was full.</summary>
    public long DroppedEvents { get; }

    /// <summary>The handler id given to Attach.</summary>
    public string Id { get; }

    /// <summary>The event names the handler receives, and for generic handlers the patterns (<c>snakepit.pool.*</c>, <c>*</c>) it was attached with.</summary>
    public IReadOnlyList<string> Events { get; }

    /// <summary>The handler object (or delegate).</summary>
    public object Handler { get; }

    /// <inheritdoc/>
    public override string ToString() => Id + " [" + string.Join(", ", Events) + "]";
}
