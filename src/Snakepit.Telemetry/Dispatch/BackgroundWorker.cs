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
    private readonly Dictionary<Type, object> _typedQueues = new();
    private readonly int _capacity;
    private volatile IDrainable[] _queues = Array.Empty<IDrainable>();
    private volatile bool _stopped;
    private int _signalPending;
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
        lock (_queuesLock)
        {
            var key = target is null ? typeof(GenericKey<TEvent>) : typeof(TEvent);
            if (_typedQueues.TryGetValue(key, out var existing))
            {
                return (BackgroundQueue<TEvent>)existing;
            }

            var queue = new BackgroundQueue<TEvent>(this, _capacity, target, generic);
            _typedQueues.Add(key, queue);
            var queues = new IDrainable[_queues.Length + 1];
            Array.Copy(_queues, queues, _queues.Length);
            queues[_queues.Length] = queue;
            _queues = queues;
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
        _signal.Release();
    }

    internal void CountDrop() => Interlocked.Increment(ref _dropped);

    internal void Signal()
    {
        if (Interlocked.Exchange(ref _signalPending, 1) == 0)
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
            _signal.Wait();
            Interlocked.Exchange(ref _signalPending, 0);
            foreach (var queue in _queues)
            {
                if (_stopped)
                {
                    return;
                }

                queue.Drain();
            }
        }
    }

    private sealed class GenericKey<TEvent>
    {
    }
}

/// <summary>A queue the worker drains.</summary>
internal interface IDrainable
{
    bool IsIdle { get; }

    void Drain();
}

/// <summary>A bounded ring of events of one type; enqueue never waits, the worker drains it.</summary>
internal sealed class BackgroundQueue<TEvent> : IDrainable
    where TEvent : struct, ITelemetryEvent
{
    private readonly BackgroundWorker _worker;
    private readonly TEvent[] _items;
    private readonly TelemetryCallback<TEvent>? _target;
    private readonly ITelemetryHandler? _generic;
    private readonly object _lock = new();
    private int _head;
    private int _count;
    private volatile bool _handling;

    public BackgroundQueue(BackgroundWorker worker, int capacity, TelemetryCallback<TEvent>? target, ITelemetryHandler? generic)
    {
        _worker = worker;
        _items = new TEvent[capacity];
        _target = target;
        _generic = generic;
        Enqueue = EnqueueEvent;
    }

    /// <summary>The callback slots call on the emitting thread: copy the event in, or drop it.</summary>
    public TelemetryCallback<TEvent> Enqueue { get; }

    public bool IsIdle => Volatile.Read(ref _count) == 0 && !_handling;

    private void EnqueueEvent(in TEvent e)
    {
        if (!Monitor.TryEnter(_lock))
        {
            _worker.CountDrop();
            return;
        }

        try
        {
            if (_count == _items.Length)
            {
                _worker.CountDrop();
                return;
            }

            _items[(_head + _count) % _items.Length] = e;
            _count++;
        }
        finally
        {
            Monitor.Exit(_lock);
        }

        _worker.Signal();
    }

    public void Drain()
    {
        while (true)
        {
            TEvent item;
            lock (_lock)
            {
                if (_count == 0)
                {
                    return;
                }

                _handling = true;
                item = _items[_head];
                _items[_head] = default;
                _head = (_head + 1) % _items.Length;
                _count--;
            }

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
