namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// One binding's queue of one event type, as its <see cref="BackgroundWorker"/> sees it: the worker looks at the
/// oldest event of each queue and handles the one emitted first. Only the worker thread calls these members.
/// </summary>
internal interface IBackgroundQueue
{
    /// <summary>The ticket (emission order across the worker's queues) of the oldest event, taken out of the queue and held as this queue's head; false if empty.</summary>
    bool TryPeekTicket(out long ticket);

    /// <summary>Hands the head to the handler (the caller holds the worker's call lock). A handler exception is reported to the worker.</summary>
    void HandleHead();

    /// <summary>Releases what is queued (the handler is stopped; the worker's count of waiting events says how many).</summary>
    void Discard();

    /// <summary>
    /// Called by an idle worker after a backlog larger than <paramref name="retainedBacklog"/>: gives the storage a burst
    /// grew back, if this queue handled more than that since the last time. True when it did.
    /// </summary>
    bool Shrink(long retainedBacklog);

    /// <summary>Called by a worker idle since a <see cref="Shrink"/>: the old storage, empty for good, is dropped.</summary>
    void DropRetired();
}
