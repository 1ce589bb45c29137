using System.Collections.Generic;
using Snakepit.Telemetry.Dispatch;

namespace Snakepit.Telemetry;

/// <summary>An attached handler, as <see cref="TelemetryHub.ListHandlers"/> reports it.</summary>
public sealed class TelemetryHandlerInfo
{
    private readonly BackgroundWorker? _worker;

    internal TelemetryHandlerInfo(string id, IReadOnlyList<string> events, object handler, BackgroundWorker? worker)
    {
        Id = id;
        Events = events;
        Handler = handler;
        _worker = worker;
    }

    /// <summary>Where the handler runs.</summary>
    public TelemetryDispatchMode DispatchMode => _worker is null ? TelemetryDispatchMode.Inline : TelemetryDispatchMode.Background;

    /// <summary>
    /// For a background handler, the events dropped so far: refused because its queue was full, and, once it is
    /// detached, those it had not handled yet. Read live, also after the handler is detached.
    /// </summary>
    public long DroppedEvents => _worker?.Dropped ?? 0;

    /// <summary>For a background handler, the events waiting in its queue now (not counting the one being handled).</summary>
    public long QueuedEvents => _worker is null || _worker.IsStopped ? 0 : _worker.Waiting;

    /// <summary>The handler id given to Attach.</summary>
    public string Id { get; }

    /// <summary>The event names the handler receives, and for generic handlers the patterns (<c>snakepit.pool.*</c>, <c>*</c>) it was attached with.</summary>
    public IReadOnlyList<string> Events { get; }

    /// <summary>The handler object (or delegate).</summary>
    public object Handler { get; }

    /// <inheritdoc/>
    public override string ToString() => Id + " [" + string.Join(", ", Events) + "]";
}
