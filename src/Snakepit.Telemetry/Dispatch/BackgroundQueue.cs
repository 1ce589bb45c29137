using System;
using System.Collections.Concurrent;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// The events of one type waiting for one binding of a background handler. Emitters copy the event in on their own
/// thread; the worker takes them out in the order of their tickets across all of its queues.
/// </summary>
/// <remarks>
/// Storage is a <see cref="ConcurrentQueue{T}"/>: lock-free on both ends, and a ring that is reused once it has grown
/// to the largest backlog seen, so a steady flow allocates nothing. The bound is the worker's count of waiting events,
/// not this queue's size.
/// </remarks>
internal sealed class BackgroundQueue<TEvent> : IBackgroundQueue
    where TEvent : struct, ITelemetryEvent
{
    private readonly BackgroundWorker _worker;
    private readonly ConcurrentQueue<Item> _items = new();
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
            if (!_items.TryDequeue(out head.Item))
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
