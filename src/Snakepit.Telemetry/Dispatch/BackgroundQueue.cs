using System;
using System.Collections.Concurrent;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// The events of one type waiting for one binding of a background handler. Emitters copy the event in on their own
/// thread; the worker takes them out in the order of their tickets across all of its queues.
/// </summary>
/// <remarks>
/// <para>Storage is a <see cref="ConcurrentQueue{T}"/>: lock-free on both ends, and a ring that is reused once it has
/// grown to the largest backlog seen, so a steady flow allocates nothing. The bound is the worker's count of waiting
/// events, not this queue's size.</para>
/// <para>A burst leaves that ring as large as its backlog (a million events of a hundred bytes are a hundred
/// megabytes). When the worker finds itself idle after a backlog larger than <see cref="BackgroundWorker.RetainedBacklog"/>,
/// it gives the memory back: the queue gets new storage (<see cref="Shrink"/>), and the old one, which emitters that
/// reserved their ticket before the swap may still write to, is drained with it until the worker is idle again,
/// then dropped (<see cref="DropRetired"/>).</para>
/// </remarks>
internal sealed class BackgroundQueue<TEvent> : IBackgroundQueue
    where TEvent : struct, ITelemetryEvent
{
    private readonly BackgroundWorker _worker;
    private volatile ConcurrentQueue<Item> _items = new();

    // The storage replaced by Shrink, still drained until the worker is next idle (worker only).
    private ConcurrentQueue<Item>? _retired;

    // Events handled since the last Shrink (worker only): a queue that handled fewer cannot have grown past them.
    private long _handledSinceShrink;
    private readonly TelemetryCallback<TEvent> _target;

    // The worker's own state lives in an object of its own, allocated by the worker thread: written for every event,
    // it must not share a cache line with what emitters read (this object, the Enqueue delegate).
    private HeadSlot? _head;

    /// <param name="worker">The worker that drains this queue.</param>
    /// <param name="target">The binding's callback (a generic handler's method already bound to <typeparamref name="TEvent"/>).</param>
    public BackgroundQueue(BackgroundWorker worker, TelemetryCallback<TEvent> target)
    {
        _worker = worker;
        _target = target;
        Enqueue = EnqueueEvent;
    }

    /// <summary>The callback slots call on the emitting thread: copy the event in, or drop and count it.</summary>
    public TelemetryCallback<TEvent> Enqueue { get; }

    public bool TryPeekTicket(out long ticket)
    {
        // Each storage has a head of its own, and the older of the two is the queue's head. One head for both would
        // stick to an event of the new storage found while the retired one looked empty, and hide an older event of the
        // same thread written to the retired storage just after that look (its ticket was taken before the swap).
        var head = _head ??= new HeadSlot();
        if (!head.RetiredFull && _retired is not null && _retired.TryDequeue(out head.Retired))
        {
            head.RetiredFull = true;
        }

        if (!head.Full && _items.TryDequeue(out head.Item))
        {
            head.Full = true;
        }

        if (head.RetiredFull && (!head.Full || head.Retired.Ticket < head.Item.Ticket))
        {
            head.TakeRetired = true;
            ticket = head.Retired.Ticket;
            return true;
        }

        head.TakeRetired = false;
        ticket = head.Item.Ticket;
        return head.Full;
    }

    public void HandleHead()
    {
        var head = _head!;
        Item item;
        if (head.TakeRetired)
        {
            item = head.Retired;
            head.Retired = default;
            head.RetiredFull = false;
        }
        else
        {
            item = head.Item;
            head.Item = default;
            head.Full = false;
        }

        _handledSinceShrink++;
        DispatchContext.Generation = item.Generation;
        var timing = HandlerTiming.ThresholdTicks;
        var started = timing == 0 ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            _target(in item.Event);
        }
        catch (Exception ex)
        {
            _worker.Fail(item.Event.EventName, ex);
        }

        if (timing != 0)
        {
            var elapsed = System.Diagnostics.Stopwatch.GetTimestamp() - started;
            if (elapsed > timing)
            {
                _worker.Slow(item.Event.EventName, elapsed);
            }
        }
    }

    public bool Shrink(long retainedBacklog)
    {
        if (_handledSinceShrink <= retainedBacklog || _retired is not null)
        {
            return false;
        }

        // Emitters that read the old storage after this have reserved their ticket before it (see BackgroundWorker),
        // and the worker drains the old storage with the new one until it is idle again.
        _retired = _items;
        _items = new ConcurrentQueue<Item>();
        _handledSinceShrink = 0;
        return true;
    }

    public void DropRetired()
    {
        if (_retired is { IsEmpty: true } && _head is not { RetiredFull: true })
        {
            _retired = null;
        }
    }

    public void Discard()
    {
        if (_head is { } head)
        {
            head.Item = default;
            head.Full = false;
            head.Retired = default;
            head.RetiredFull = false;
        }

        while (_items.TryDequeue(out _))
        {
        }

        while (_retired is not null && _retired.TryDequeue(out _))
        {
        }

        _retired = null;
    }

    private void EnqueueEvent(in TEvent e)
    {
        var generation = 0;
        if (DispatchContext.Worker is { } emitter)
        {
            // Emitted from a background handler's call: one more link in a chain of background hops. The chain's
            // length travels with the events, so a cycle is caught however it runs: a handler feeding its own queue,
            // or two feeding each other. The handler that emits the link too many fails.
            generation = DispatchContext.Generation + 1;
            if (generation >= DispatchContext.MaxDepth)
            {
                emitter.FailRecursion(e.EventName, generation);
                return;
            }
        }

        if (!_worker.TryReserve(out var ticket))
        {
            return;
        }

        _items.Enqueue(new Item(ticket, generation, e));
        _worker.WakeIfAsleep();
    }

    /// <summary>
    /// The oldest event of each storage (the current one, and the one a shrink retired), taken out by the worker and
    /// held until it is handled; <see cref="TakeRetired"/> says which of the two the last peek reported.
    /// </summary>
    private sealed class HeadSlot
    {
        public Item Item;
        public bool Full;
        public Item Retired;
        public bool RetiredFull;
        public bool TakeRetired;
    }

    private readonly struct Item
    {
        public readonly long Ticket;
        public readonly int Generation;
        public readonly TEvent Event;

        public Item(long ticket, int generation, TEvent e)
        {
            Ticket = ticket;
            Generation = generation;
            Event = e;
        }
    }
}
