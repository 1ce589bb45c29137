using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// The worker of one background handler: a thread of its own and one queue per binding and event type, bounded
/// together by one count of waiting events. Events are handled in the order they were emitted (by ticket, across all
/// queues), so events from one thread arrive in order and no event type waits behind another's flood.
/// </summary>
/// <remarks>
/// <para>The emitting thread pays a compare-and-swap on the count, an increment of the ticket and a lock-free enqueue;
/// it never waits, locks or allocates in steady state. When the count is at capacity the event is dropped and counted.</para>
/// <para>Wake-ups: with nothing to do the worker dozes in short timed waits, finding new events on its own, so emitters
/// never signal it while events keep coming; after <see cref="DozeRounds"/> empty dozes it announces a deep sleep, and
/// only then does the next emitter wake it (one system call, the first event after a quiet period).</para>
/// </remarks>
#pragma warning disable CA1001 // _wake lives as long as the worker's thread, which emitters may still signal after a stop: never disposed (ManualResetEventSlim without a wait handle holds no OS resource).
internal sealed class BackgroundWorker
#pragma warning restore CA1001
{
    /// <summary>The smallest capacity: one event may wait while another is handled.</summary>
    public const int MinCapacity = 1;

    /// <summary>The largest capacity; a larger queue is unbounded in practice, which the guide forbids.</summary>
    public const int MaxCapacity = 1_048_576;

    /// <summary>The binding index of typed callbacks (generic bindings are 0, 1, ...).</summary>
    public const int TypedBinding = -1;

    /// <summary>
    /// How long one doze lasts: the longest an event waits for an idle worker that has not gone to sleep. Measured:
    /// 1 ms dozes cost the worker 3% of a core at 1,000 events/s, 4 ms dozes 1.6%.
    /// </summary>
    private const int DozeMilliseconds = 4;

    /// <summary>Empty dozes before a deep sleep (about 20 ms of quiet).</summary>
    private const int DozeRounds = 5;

    /// <summary>
    /// The backlog whose storage an idle worker keeps (the default capacity): a burst that queued more has its storage
    /// given back once it is drained, so a steady flow within it never allocates, and idle memory stays bounded.
    /// </summary>
    public const long RetainedBacklog = 1024;

    /// <summary>How often (in events handled) the worker samples the backlog for <see cref="RetainedBacklog"/>.</summary>
    private const int BacklogSampling = 64;

    private readonly object _queuesLock = new();
    private readonly object _callEndedGate = new();
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 0);
    private readonly Dictionary<KeyValuePair<int, Type>, IBackgroundQueue> _queuesByKey = new();
    private readonly TaskCompletionSource<bool> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _capacity;
    private volatile IBackgroundQueue[] _queues = Array.Empty<IBackgroundQueue>();
    // Events accepted so far (written by emitters; each acceptance is also the event's ticket) and events taken for
    // handling (written by the worker only): waiting = accepted - taken, bounded by the capacity.
    private PaddedCounter _accepted;
    private PaddedCounter _taken;

    // The last value of _taken an emitter read (a lower bound of it), written by emitters only when the queue looked
    // full: in steady state emitters read this line, which the worker never writes, instead of _taken.
    private PaddedCounter _takenSeen;

    // 1 while the worker is inside a handler call (written by the worker only, on a line of its own).
    private PaddedCounter _inCall;
    private long _dropped;
    private volatile bool _stopped;
    private int _sleeping;

    // Worker only: events handled, and the largest backlog sampled since the storage was last given back.
    private long _handled;
    private long _peakBacklog;
    private bool _shrunk;
    private long _storageReleases;
    private TaskCompletionSource<bool>? _idleWaiter;

    // While this worker's thread waits in Stop for another worker's call to end: that worker (for cycle detection).
    private BackgroundWorker? _waitingFor;
    private Thread? _thread;

    public BackgroundWorker(string handlerId, int capacity)
    {
        ValidateCapacity(capacity, nameof(capacity));
        HandlerId = handlerId;
        _capacity = capacity;
    }

    public string HandlerId { get; }

    /// <summary>Events dropped: refused because the queue was full, and, once stopped, those left waiting.</summary>
    public long Dropped => Interlocked.Read(ref _dropped) + (_stopped ? Waiting : 0);

    /// <summary>Events waiting to be handled (not counting the one being handled).</summary>
    public long Waiting => Math.Max(0, Interlocked.Read(ref _accepted.Value) - Interlocked.Read(ref _taken.Value));

    public bool IsStopped => _stopped;

    /// <summary>Set by the hub when the handler is attached: failures of the handler are reported there.</summary>
    public Action<string, Exception>? OnFailure { get; set; }

    /// <summary>Checks a capacity given by a user.</summary>
    public static void ValidateCapacity(int capacity, string parameterName)
    {
        if (capacity < MinCapacity || capacity > MaxCapacity)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                capacity,
                $"A background queue holds from {MinCapacity} to {MaxCapacity.ToString("N0", CultureInfo.InvariantCulture)} waiting events (2^20); {capacity.ToString(CultureInfo.InvariantCulture)} is outside that range.");
        }
    }

    /// <summary>
    /// The queue of <typeparamref name="TEvent"/> for one binding (<see cref="TypedBinding"/> or a generic binding's
    /// index), created on first use. Called when a hub builds its slots, under the hub's lock, not by emitters.
    /// </summary>
    public BackgroundQueue<TEvent> QueueFor<TEvent>(int binding, TelemetryCallback<TEvent> target)
        where TEvent : struct, ITelemetryEvent
    {
        var key = new KeyValuePair<int, Type>(binding, typeof(TEvent));
        lock (_queuesLock)
        {
            if (_queuesByKey.TryGetValue(key, out var existing))
            {
                return (BackgroundQueue<TEvent>)existing;
            }

            // The worker sees the queue before any emitter can find it, so no event waits in a queue it does not drain.
            var queue = new BackgroundQueue<TEvent>(this, target);
            var queues = new IBackgroundQueue[_queues.Length + 1];
            Array.Copy(_queues, queues, _queues.Length);
            queues[_queues.Length] = queue;
            _queues = queues;
            _queuesByKey.Add(key, queue);
            return queue;
        }
    }

    public void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "snakepit-telemetry " + HandlerId };
        _thread = thread;

        // The worker belongs to no caller: it must not inherit the attaching code's async-locals (a test's recorders,
        // its Activity.Current), which would credit what the handler emits to that caller and keep them alive.
        using (ExecutionContext.SuppressFlow())
        {
            thread.Start();
        }
    }

    /// <summary>
    /// Stops the worker: no call starts after this, and with <paramref name="wait"/> it returns only once a call in
    /// progress has ended. From a worker's own thread (the call itself, or an inline handler running inside it) it does
    /// not wait for itself; from another background worker's thread it waits unless that would close a cycle of workers
    /// waiting for each other, in Stop or in <see cref="WaitUntilIdle"/> (then the call running ends on its own, and no
    /// new call starts); a wait that a later wait of the other side turns into a cycle ends then. Events still waiting
    /// are counted as dropped.
    /// </summary>
    public void Stop(bool wait = true)
    {
        _stopped = true;
        _wake.Set();

        if (wait)
        {
            var current = DispatchContext.Worker;
            if (current is null)
            {
                WaitForCallToEnd(waiter: null);
            }
            else if (!ReferenceEquals(current, this))
            {
                // Announce the wait, then look for a cycle (with full fences on both sides, as the worker being waited
                // for does the same): of two workers stopping each other at once, at least one sees the other's
                // announcement and does not wait, so they never wait for each other.
                Volatile.Write(ref current._waitingFor, this);
                Interlocked.MemoryBarrier();
                try
                {
                    WaitForCallToEnd(current);
                }
                finally
                {
                    Volatile.Write(ref current._waitingFor, null);
                }
            }
        }

        if (_thread is null)
        {
            // Never started: nothing runs, nothing will.
            _exited.TrySetResult(true);
            Interlocked.Exchange(ref _idleWaiter, null)?.TrySetResult(true);
        }
    }

    /// <summary>
    /// Completes the idle waiter if nothing waits. The waiter is taken out first and the count read after that (both
    /// full fences): a caller of <see cref="WhenIdle"/> that emitted and then found this waiter found it before it was
    /// taken, so its events are counted by the read below; a caller that comes later finds no waiter and installs its
    /// own. (Reading the count first and then taking the waiter would let a caller emit between the two, find the
    /// waiter another caller installed earlier, and be told "idle" before its event was handled.)
    /// </summary>
    private void CompleteIdleWaiter()
    {
        var waiter = Volatile.Read(ref _idleWaiter);
        if (waiter is null || Interlocked.CompareExchange(ref _idleWaiter, null, waiter) != waiter)
        {
            return;
        }

        if (Waiting == 0)
        {
            waiter.TrySetResult(true);
            return;
        }

        // Not idle after all: the waiter goes back, or, if a caller installed another meanwhile, completes with it.
        var installed = Interlocked.CompareExchange(ref _idleWaiter, waiter, null);
        if (installed is not null)
        {
            installed.Task.ContinueWith(
                static (_, state) => ((TaskCompletionSource<bool>)state!).TrySetResult(true),
                waiter,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Completes when nothing is waiting and no call is running; once the worker is stopped, when its thread has left
    /// its last call (with whatever that call led to, such as the failure handlers of a call that failed).
    /// </summary>
    public Task WhenIdle()
    {
        if (_stopped)
        {
            return Exited;
        }

        var waiter = Volatile.Read(ref _idleWaiter);
        if (waiter is null)
        {
            var created = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiter = Interlocked.CompareExchange(ref _idleWaiter, created, null) ?? created;
        }

        _wake.Set();
        if (_stopped)
        {
            return Exited;
        }

        return waiter.Task;
    }

    /// <summary>The worker's thread (for tests that wait for it to end).</summary>
    internal Thread? WorkerThread => _thread;

    /// <summary>Completes when the worker's thread has left its loop (after <see cref="Stop"/>).</summary>
    public Task Exited => _exited.Task;


    /// <summary>Takes room for one event and its ticket; false (and the drop counted) when the queue is full or stopped.</summary>
    internal bool TryReserve(out long ticket)
    {
        if (_stopped)
        {
            Interlocked.Increment(ref _dropped);
            ticket = 0;
            return false;
        }

        // One compare-and-swap both bounds the queue and hands out the ticket. Tickets therefore grow with acceptance:
        // events of one thread get increasing tickets, and each is in its queue before the next one's is taken.
        var taken = Volatile.Read(ref _takenSeen.Value);
        var accepted = Volatile.Read(ref _accepted.Value);
        while (true)
        {
            if (accepted - taken >= _capacity)
            {
                // Full by the last count seen: read the worker's own count, which may have moved on.
                var now = Volatile.Read(ref _taken.Value);
                if (now == taken)
                {
                    Interlocked.Increment(ref _dropped);
                    ticket = 0;
                    return false;
                }

                taken = now;
                Volatile.Write(ref _takenSeen.Value, now);
                continue;
            }

            var seen = Interlocked.CompareExchange(ref _accepted.Value, accepted + 1, accepted);
            if (seen == accepted)
            {
                ticket = accepted + 1;
                break;
            }

            accepted = seen;
        }

        return true;
    }

    /// <summary>Wakes the worker if it announced a deep sleep; otherwise a read of one field.</summary>
    internal void WakeIfAsleep()
    {
        // The compare-and-swap in TryReserve is a full fence: either the worker, announcing its sleep, sees the new
        // count, or this read sees the announcement.
        if (Volatile.Read(ref _sleeping) != 0 && Interlocked.Exchange(ref _sleeping, 0) != 0)
        {
            _wake.Set();
        }
    }

    /// <summary>Reports a failure of the handler; never throws (the hub's report guards every read of the exception).</summary>
    internal void Fail(string eventName, Exception exception)
    {
        try
        {
            OnFailure?.Invoke(eventName, exception);
        }
        catch (Exception)
        {
            // Nothing may escape onto the worker's thread: an exception there would end the process.
        }
    }

    /// <summary>Called on the worker's thread as it leaves its loop, before <see cref="Exited"/> completes (never throws onto it).</summary>
    public Action? OnExit { get; set; }

    /// <summary>Called on the worker when a handler call took longer than the timing threshold (event name, Stopwatch ticks).</summary>
    public Action<string, long>? OnSlow { get; set; }

    internal void Slow(string eventName, long elapsedTicks)
    {
        try
        {
            OnSlow?.Invoke(eventName, elapsedTicks);
        }
        catch (Exception)
        {
            // As for Fail: nothing escapes onto the worker's thread.
        }
    }

    /// <summary>The handler running on this worker's thread emitted the last link of too long a chain: it fails.</summary>
    internal void FailRecursion(string eventName, int generation) =>
        Fail(eventName, new TelemetryRecursionException(HandlerId, eventName, generation, background: true));

    private void Run()
    {
        DispatchContext.Worker = this;
        var dozes = 0;
        var spinner = default(SpinWait);
        try
        {
            while (!_stopped)
            {
                // While events flow, the loop touches nothing an emitter reads: no event to reset, no lock.
                if (HandleOne())
                {
                    dozes = 0;
                    spinner.Reset();
                    continue;
                }

                if (Waiting > 0)
                {
                    // The next event is counted but not yet in its queue: its emitter is between TryReserve and Enqueue.
                    spinner.SpinOnce();
                    continue;
                }

                // Nothing to do. Reset the wake-up, then look again: a Set from here on is not lost, and one made
                // before the reset was made after the state it announces, which the look below sees.
                _wake.Reset();
                Interlocked.MemoryBarrier();
                if (_stopped || Waiting > 0)
                {
                    continue;
                }

                ReleaseIdleMemory();
                CompleteIdleWaiter();
                if (dozes < DozeRounds)
                {
                    dozes++;
                    _wake.Wait(DozeMilliseconds);
                    continue;
                }

                Interlocked.Exchange(ref _sleeping, 1);
                if (Waiting > 0 || _stopped || Volatile.Read(ref _idleWaiter) is not null)
                {
                    Interlocked.Exchange(ref _sleeping, 0);
                    continue;
                }

                _wake.Wait();
                Interlocked.Exchange(ref _sleeping, 0);
                dozes = 0;
            }
        }
        finally
        {
            DispatchContext.Worker = null;
            DispatchContext.Generation = 0;
            foreach (var queue in _queues)
            {
                // Release what the queues hold; the count of waiting events still says how many were dropped.
                queue.Discard();
            }

            try
            {
                OnExit?.Invoke();
            }
            catch (Exception)
            {
                // As for Fail: nothing escapes onto the worker's thread.
            }

            _exited.TrySetResult(true);
            Interlocked.Exchange(ref _idleWaiter, null)?.TrySetResult(true);
        }
    }

    /// <summary>Whether this worker's thread waits, directly or through other workers, for <paramref name="worker"/>.</summary>
    private bool WaitsFor(BackgroundWorker worker)
    {
        var next = Volatile.Read(ref _waitingFor);
        for (var hops = 0; next is not null && hops < 1024; hops++)
        {
            if (ReferenceEquals(next, worker))
            {
                return true;
            }

            next = Volatile.Read(ref next._waitingFor);
        }

        return false;
    }

    /// <summary>
    /// Returns once no call runs and none will start (the caller set <see cref="_stopped"/>); when called from
    /// <paramref name="waiter"/>'s thread, also as soon as this worker's thread waits, directly or through other workers,
    /// for <paramref name="waiter"/> (the call would never end): checked before waiting, and again whenever a worker
    /// whose call this waits for announces a wait of its own (<see cref="WaitUntilIdle"/>).
    /// </summary>
    private void WaitForCallToEnd(BackgroundWorker? waiter)
    {
        // The worker marks each call and then checks the flag (and this side sets the flag and then checks the
        // mark), both with full fences: once the mark reads 0 here, no call is running and none will start.
        Interlocked.MemoryBarrier();
        lock (_callEndedGate)
        {
            while (Volatile.Read(ref _inCall.Value) != 0)
            {
                if (waiter is not null && WaitsFor(waiter))
                {
                    return;
                }

                Monitor.Wait(_callEndedGate);
            }
        }
    }

    /// <summary>
    /// Waits on the calling thread for <see cref="WhenIdle"/>, at most <paramref name="milliseconds"/>. From another
    /// worker's thread the wait is announced as a wait in <see cref="Stop"/> is: a worker whose thread waits in Stop for
    /// the calling worker's call, and so keeps this worker busy, gives up that wait instead of waiting for each other
    /// until the timeout (or for good).
    /// </summary>
    public bool WaitUntilIdle(int milliseconds)
    {
        var current = DispatchContext.Worker;
        if (ReferenceEquals(current, this))
        {
            // The handler's own call waits for its worker to be idle: it never will be while this call runs.
            return false;
        }

        if (current is null)
        {
            return WhenIdle().Wait(milliseconds);
        }

        Volatile.Write(ref current._waitingFor, this);
        Interlocked.MemoryBarrier();
        try
        {
            // Whoever waits in Stop for the call running on this thread looks again: its wait may close a cycle now.
            lock (current._callEndedGate)
            {
                Monitor.PulseAll(current._callEndedGate);
            }

            return WhenIdle().Wait(milliseconds);
        }
        finally
        {
            Volatile.Write(ref current._waitingFor, null);
        }
    }

    /// <summary>
    /// Called when nothing waits: storage replaced at the last idle moment is empty for good now (every event accepted
    /// before this moment was taken), so it is dropped; and after a backlog past <see cref="RetainedBacklog"/>, queues
    /// that grew get new storage.
    /// </summary>
    private void ReleaseIdleMemory()
    {
        if (_shrunk)
        {
            foreach (var queue in _queues)
            {
                queue.DropRetired();
            }

            _shrunk = false;
        }

        if (_peakBacklog <= RetainedBacklog)
        {
            return;
        }

        _peakBacklog = 0;
        foreach (var queue in _queues)
        {
            _shrunk |= queue.Shrink(RetainedBacklog);
        }

        if (_shrunk)
        {
            Interlocked.Increment(ref _storageReleases);
        }
    }

    /// <summary>How many times an idle worker gave back storage a burst grew (for tests).</summary>
    internal long StorageReleases => Interlocked.Read(ref _storageReleases);

    /// <summary>Leaves a handler call; if a stop is waiting for it, tells it.</summary>
    private void EndCall()
    {
        Interlocked.Exchange(ref _inCall.Value, 0);
        if (_stopped)
        {
            lock (_callEndedGate)
            {
                Monitor.PulseAll(_callEndedGate);
            }
        }
    }

    /// <summary>
    /// Handles the waiting event with the lowest ticket; false when none is queued. The scan repeats until a whole pass
    /// finds nothing older than its pick: the pick was then visible before that pass began, and so was every event its
    /// emitting thread emitted before it (each was enqueued before the pick's ticket was taken), so none can be
    /// overtaken, even one that landed in a queue an earlier pass had found empty.
    /// </summary>
    private bool HandleOne()
    {
        IBackgroundQueue? next = null;
        var lowest = long.MaxValue;
        bool older;
        do
        {
            older = false;
            foreach (var queue in _queues)
            {
                if (queue.TryPeekTicket(out var ticket) && ticket < lowest)
                {
                    lowest = ticket;
                    next = queue;
                    older = true;
                }
            }
        }
        while (older);

        if (next is null)
        {
            return false;
        }

        Interlocked.Exchange(ref _inCall.Value, 1);
        if (_stopped)
        {
            EndCall();
            return false;
        }

        // No longer waiting: being handled (a capacity counts waiting events only).
        Volatile.Write(ref _taken.Value, _taken.Value + 1);
        if ((++_handled % BacklogSampling) == 0)
        {
            var backlog = Waiting;
            if (backlog > _peakBacklog)
            {
                _peakBacklog = backlog;
            }
        }

        next.HandleHead();
        EndCall();

        return true;
    }
}
