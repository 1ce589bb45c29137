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
    private readonly TelemetryCallback<TEvent>? _target;
    private readonly ITelemetryHandler? _generic;

    // The worker's own state lives in an object of its own, allocated by the worker thread: written for every event,
    // it must not share a cache line with what emitters read (this object, the Enqueue delegate).
    private HeadSlot? _head;

    public BackgroundQueue(BackgroundWorker worker, TelemetryCallback<TEvent>? target, ITelemetryHandler? generic)
    {
        _worker = worker;
        _target = target;
        _generic = generic;
        Enqueue = EnqueueEvent;
    }

    /// <summary>The callback slots call on the emitting thread: copy the event in, or drop and count it.</summary>
    public TelemetryCallback<TEvent> Enqueue { get; }

    public bool TryPeekTicket(out long ticket)
    {
        var head = _head ??= new HeadSlot();
        if (!head.Full)
        {
            // The retired storage first: an emitting thread's events there precede its events in the new one.
            if ((_retired is null || !_retired.TryDequeue(out head.Item)) && !_items.TryDequeue(out head.Item))
            {
                ticket = 0;
                return false;
            }

            head.Full = true;
        }

        ticket = head.Item.Ticket;
        return true;
    }

    public void HandleHead()
    {
        var head = _head!;
        var item = head.Item;
        head.Item = default;
        head.Full = false;
        _handledSinceShrink++;
        DispatchContext.Generation = item.Generation;
        var timing = HandlerTiming.ThresholdTicks;
        var started = timing == 0 ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (_target is not null)
            {
                _target(in item.Event);
            }
            else
            {
                _generic!.Handle(in item.Event);
            }
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
        if (_retired is { IsEmpty: true })
        {
            _retired = null;
        }
    }

    public void Discard()
    {
        if (_head is { Full: true } head)
        {
            head.Item = default;
            head.Full = false;
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

    /// <summary>The oldest event, taken out of the queue by the worker and held until it is handled.</summary>
    private sealed class HeadSlot
    {
        public Item Item;
        public bool Full;
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
