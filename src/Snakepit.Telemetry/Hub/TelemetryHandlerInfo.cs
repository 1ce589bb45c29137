using System.Collections.Generic;
using Snakepit.Telemetry.Dispatch;

namespace Snakepit.Telemetry;

/// <summary>An attached handler, as <see cref="TelemetryHub.ListHandlers"/> reports it.</summary>
public sealed class TelemetryHandlerInfo
{
    private readonly BackgroundWorker? _worker;
    private readonly HandlerRegistration? _registration;

    internal TelemetryHandlerInfo(string id, IReadOnlyList<string> events, object handler, BackgroundWorker? worker, HandlerRegistration? registration = null)
    {
        Id = id;
        Events = events;
        Handler = handler;
        _worker = worker;
        _registration = registration;
    }

    /// <summary>
    /// The events handed to the handler so far (for a background handler: offered to its queue, dropped ones included).
    /// Read live; exact when one thread emits; when several emit at once it is counted without a lock, so counts can be
    /// lost and a reading can be lower than an earlier one.
    /// </summary>
    public long ReceivedEvents => _registration is null ? 0 : _registration.Counters.Received;

    /// <summary>The handler's failures: an exception that escaped (which detached it) and errors it reported with <see cref="TelemetryHub.ReportHandlerError"/>.</summary>
    public long Failures => _registration is null ? 0 : System.Threading.Interlocked.Read(ref _registration.Failures);

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
    public override string ToString() =>
        $"{Id} [{string.Join(", ", Events)}] {DispatchMode}: received {ReceivedEvents}, failures {Failures}" +
        (DispatchMode == TelemetryDispatchMode.Background ? $", queued {QueuedEvents}, dropped {DroppedEvents}" : "");
}
