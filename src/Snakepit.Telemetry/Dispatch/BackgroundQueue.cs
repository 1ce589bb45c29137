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
    private Item _head;
    private bool _hasHead;

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
        if (!_hasHead)
        {
            if (!_items.TryDequeue(out _head))
            {
                ticket = 0;
                return false;
            }

            _hasHead = true;
        }

        ticket = _head.Ticket;
        return true;
    }

    public void HandleHead(DispatchContext context)
    {
        var item = _head;
        _head = default;
        _hasHead = false;
        context.Generation = item.Generation;
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
    }

    public int Discard()
    {
        var discarded = 0;
        if (_hasHead)
        {
            _head = default;
            _hasHead = false;
            discarded++;
        }

        while (_items.TryDequeue(out _))
        {
            discarded++;
        }

        return discarded;
    }

    private void EnqueueEvent(in TEvent e)
    {
        var generation = 0;
        var context = DispatchContext.Current;
        if (context.Worker is { } emitter)
        {
            // Emitted from a background handler's call: one more link in a chain of background hops. The chain's
            // length travels with the events, so a cycle is caught however it runs: a handler feeding its own queue,
            // or two feeding each other. The handler that emits the link too many fails.
            generation = context.Generation + 1;
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
