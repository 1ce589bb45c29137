using System;
using System.Collections.Generic;
using System.Threading;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// The worker of one background handler: a thread of its own that drains one bounded queue per event type. Emitters
/// enqueue without waiting: if the queue is full, or another emitter holds it at that instant, the event is dropped
/// and counted.
/// </summary>
internal sealed class BackgroundWorker
{
    private readonly object _queuesLock = new();
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, object> _typedQueues = new();
    private readonly int _capacity;
    private volatile IDrainable[] _queues = Array.Empty<IDrainable>();
    private volatile bool _stopped;
    private int _sleeping;
    private long _dropped;
    private Thread? _thread;

    public BackgroundWorker(string handlerId, int capacity)
    {
        HandlerId = handlerId;
        _capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), "A background queue needs room for at least one event.");
    }

    public string HandlerId { get; }

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Set by the hub when the handler is attached: failures of the worker are reported there.</summary>
    public Action<string, Exception>? OnFailure { get; set; }

    /// <summary>The queue of <typeparamref name="TEvent"/>, feeding <paramref name="target"/>; created on first use.</summary>
    public BackgroundQueue<TEvent> QueueFor<TEvent>(TelemetryCallback<TEvent>? target, ITelemetryHandler? generic)
        where TEvent : struct, ITelemetryEvent
    {
        // Generic handlers look their queue up on every event: the read takes no lock.
        var key = target is null ? typeof(GenericKey<TEvent>) : typeof(TEvent);
        if (_typedQueues.TryGetValue(key, out var found))
        {
            return (BackgroundQueue<TEvent>)found;
        }

        lock (_queuesLock)
        {
            if (_typedQueues.TryGetValue(key, out var existing))
            {
                return (BackgroundQueue<TEvent>)existing;
            }

            // The worker sees the queue before any emitter can find it, so no event waits in a queue it does not drain.
            var queue = new BackgroundQueue<TEvent>(this, _capacity, target, generic);
            var queues = new IDrainable[_queues.Length + 1];
            Array.Copy(_queues, queues, _queues.Length);
            queues[_queues.Length] = queue;
            _queues = queues;
            _typedQueues[key] = queue;
            return queue;
        }
    }

    public void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "snakepit-telemetry " + HandlerId };
        _thread = thread;
        thread.Start();
    }

    public void Stop()
    {
        _stopped = true;
        Interlocked.Exchange(ref _sleeping, 0);
        _signal.Release();
    }

    internal void CountDrop() => Interlocked.Increment(ref _dropped);

    /// <summary>Wakes the worker if it sleeps; a busy worker finds the new event on its own, at no cost to the emitter.</summary>
    internal void Signal()
    {
        if (Interlocked.CompareExchange(ref _sleeping, 0, 1) == 1)
        {
            _signal.Release();
        }
    }

    internal void Fail(string eventName, Exception exception) => OnFailure?.Invoke(eventName, exception);

    /// <summary>Waits until every queued event has been handled (for tests and orderly shutdown).</summary>
    public bool WaitIdle(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var busy = false;
            foreach (var queue in _queues)
            {
                busy |= !queue.IsIdle;
            }

            if (!busy)
            {
                return true;
            }

            Thread.Sleep(1);
        }

        return false;
    }

    private void Run()
    {
        while (!_stopped)
        {
            foreach (var queue in _queues)
            {
                if (_stopped)
                {
                    return;
                }

                queue.Drain();
            }

            if (HasWork() || SpinForWork())
            {
                continue;
            }

            // Announce the sleep, then look once more: an event enqueued in between either sees the flag (and wakes
            // us) or is seen here. Both sides use full fences.
            Interlocked.Exchange(ref _sleeping, 1);
            if (HasWork())
            {
                Interlocked.Exchange(ref _sleeping, 0);
                continue;
            }

            _signal.Wait();
        }
    }

    /// <summary>Spins a little before sleeping: under a steady stream of events the worker never sleeps and emitters never signal.</summary>
    private bool SpinForWork()
    {
        for (var i = 0; i < 64; i++)
        {
            Thread.SpinWait(20);
            if (HasWork())
            {
                return true;
            }
        }

        return false;
    }

    private bool HasWork()
    {
        foreach (var queue in _queues)
        {
            if (queue.HasItems)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class GenericKey<TEvent>
    {
    }
}

/// <summary>A queue the worker drains.</summary>
internal interface IDrainable
{
    bool IsIdle { get; }

    bool HasItems { get; }

    void Drain();
}

/// <summary>
/// A bounded ring of events of one type, lock-free: many emitters enqueue (one compare-and-swap each, never a wait), the
/// worker dequeues. The design is Dmitry Vyukov's bounded queue: each cell carries a sequence number that tells
/// producers and the consumer whose turn it is. A full ring drops the event and counts it.
/// </summary>
internal sealed class BackgroundQueue<TEvent> : IDrainable
    where TEvent : struct, ITelemetryEvent
{
    private readonly BackgroundWorker _worker;
    private readonly Cell[] _cells;
    private readonly long _mask;
    private readonly TelemetryCallback<TEvent>? _target;
    private readonly ITelemetryHandler? _generic;
    private PaddedPosition _enqueue;
    private PaddedPosition _dequeue;
    private volatile bool _handling;

    public BackgroundQueue(BackgroundWorker worker, int capacity, TelemetryCallback<TEvent>? target, ITelemetryHandler? generic)
    {
        _worker = worker;
        var size = 1;
        while (size < capacity)
        {
            size <<= 1;
        }

        _cells = new Cell[size];
        for (var i = 0; i < size; i++)
        {
            _cells[i].Sequence = i;
        }

        _mask = size - 1;
        _target = target;
        _generic = generic;
        Enqueue = EnqueueEvent;
    }

    /// <summary>The callback slots call on the emitting thread: copy the event in, or drop it.</summary>
    public TelemetryCallback<TEvent> Enqueue { get; }

    public bool HasItems => Volatile.Read(ref _enqueue.Value) != Volatile.Read(ref _dequeue.Value);

    public bool IsIdle => !HasItems && !_handling;

    private void EnqueueEvent(in TEvent e)
    {
        var position = Volatile.Read(ref _enqueue.Value);
        while (true)
        {
            var sequence = Volatile.Read(ref _cells[position & _mask].Sequence);
            var difference = sequence - position;
            if (difference == 0)
            {
                if (Interlocked.CompareExchange(ref _enqueue.Value, position + 1, position) == position)
                {
                    break;
                }
            }
            else if (difference < 0)
            {
                _worker.CountDrop();
                return;
            }

            position = Volatile.Read(ref _enqueue.Value);
        }

        ref var cell = ref _cells[position & _mask];
        cell.Item = e;
        Volatile.Write(ref cell.Sequence, position + 1);
        _worker.Signal();
    }

    /// <summary>Handles every queued event; only the worker thread calls it.</summary>
    public void Drain()
    {
        while (true)
        {
            var position = _dequeue.Value;
            ref var cell = ref _cells[position & _mask];
            if (Volatile.Read(ref cell.Sequence) != position + 1)
            {
                return;
            }

            _handling = true;
            var item = cell.Item;
            cell.Item = default;
            Volatile.Write(ref cell.Sequence, position + _mask + 1);
            Volatile.Write(ref _dequeue.Value, position + 1);
            try
            {
                if (_target is not null)
                {
                    _target(in item);
                }
                else
                {
                    _generic!.Handle(in item);
                }
            }
            catch (Exception ex)
            {
                _worker.Fail(item.EventName, ex);
            }
            finally
            {
                _handling = false;
            }
        }
    }

    private struct Cell
    {
        public long Sequence;
        public TEvent Item;
    }
}

/// <summary>A generic handler that forwards every event to its worker's queue for that event type.</summary>
internal sealed class BackgroundGenericHandler : ITelemetryHandler
{
    private readonly BackgroundWorker _worker;
    private readonly ITelemetryHandler _inner;

    public BackgroundGenericHandler(BackgroundWorker worker, ITelemetryHandler inner)
    {
        _worker = worker;
        _inner = inner;
    }

    public void Handle<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent => _worker.QueueFor<TEvent>(null, _inner).Enqueue(in e);
}

/// <summary>A queue position on a cache line of its own, so emitters and the worker do not slow each other down.</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
internal struct PaddedPosition
{
    [System.Runtime.InteropServices.FieldOffset(64)]
    public long Value;
}
