using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Snakepit.Telemetry.Testing;

/// <summary>
/// Records the events emitted to <see cref="TelemetryHub.Default"/> (every generated emitter and span) so a test can
/// assert on them: the C# counterpart of the guide's <c>assert_receive</c>.
/// </summary>
/// <remarks>
/// <para><see cref="Start"/> records the events emitted from the async flow that called it and from the tasks that flow
/// starts, and nothing else: tests running in parallel never see each other's events. <see cref="StartGlobal"/>
/// records every event of the process, for code that emits from threads the test did not start.</para>
/// <para>While no recorder is alive nothing of this kit is attached, so emitters cost what they cost without it. A
/// recorder is an observer of the hub: it does not appear in <see cref="TelemetryHub.ListHandlers"/>, and
/// <see cref="TelemetryHub.DetachAll"/> in the code under test does not stop it.</para>
/// </remarks>
public sealed class TelemetryRecorder : IDisposable
{
    private const string ObserverId = "snakepit.testing.recorder";

    // The flow holds entries, not recorders: an execution context captured while a recorder ran (a timer, a thread
    // pool item) keeps the entry, and Dispose empties the entry, so a disposed recorder and what it recorded become
    // garbage whatever contexts outlive it.
    private static readonly AsyncLocal<FlowEntry[]?> s_flow = new();
    private static readonly object s_gate = new();
    private static TelemetryRecorder[] s_global = Array.Empty<TelemetryRecorder>();
    private static int s_alive;

    private readonly object _lock = new();
    private readonly List<RecordedEvent> _events = new();
    private readonly List<Waiter> _waiters = new();
    private readonly bool _global;
    private readonly FlowEntry? _flowEntry;
    private bool _disposed;

    private TelemetryRecorder(bool global)
    {
        _global = global;
        _flowEntry = global ? null : new FlowEntry(this);
    }

    /// <summary>Starts recording the events of the current async flow (this test, and the tasks it starts).</summary>
    public static TelemetryRecorder Start()
    {
        var recorder = new TelemetryRecorder(global: false);
        Alive(+1);
        var current = s_flow.Value ?? Array.Empty<FlowEntry>();
        s_flow.Value = current.Concat(new[] { recorder._flowEntry! }).ToArray();
        return recorder;
    }

    /// <summary>Starts recording every event of the process, whichever thread emits it.</summary>
    public static TelemetryRecorder StartGlobal()
    {
        var recorder = new TelemetryRecorder(global: true);
        lock (s_gate)
        {
            s_global = s_global.Concat(new[] { recorder }).ToArray();
        }

        Alive(+1);
        return recorder;
    }

    /// <summary>Every recorded event, in the order recorded.</summary>
    public IReadOnlyList<RecordedEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return _events.ToArray();
            }
        }
    }

    /// <summary>The names of the recorded events, in order.</summary>
    public IReadOnlyList<string> Names => Events.Select(e => e.Name).ToArray();

    /// <summary>Every recorded event of type <typeparamref name="TEvent"/>, in order.</summary>
    public IReadOnlyList<TEvent> All<TEvent>()
        where TEvent : struct, ITelemetryEvent =>
        Events.Select(e => e.Payload).OfType<TEvent>().ToArray();

    /// <summary>The one recorded <typeparamref name="TEvent"/>.</summary>
    /// <exception cref="TelemetryAssertionException">None or several were recorded; the message lists what was.</exception>
    public TEvent Single<TEvent>()
        where TEvent : struct, ITelemetryEvent
    {
        var all = All<TEvent>();
        if (all.Count == 1)
        {
            return all[0];
        }

        throw new TelemetryAssertionException(
            $"Expected exactly one {default(TEvent).EventName} event, but {all.Count} were recorded.\n{Describe()}");
    }

    /// <summary>
    /// The first <typeparamref name="TEvent"/> matching <paramref name="predicate"/>, recorded already or within
    /// <paramref name="timeout"/>: for events emitted on other threads (the tasks of the test, or any thread for a
    /// global recorder).
    /// </summary>
    /// <param name="predicate">
    /// Which event is awaited. It runs on the thread that emits each event, outside the recorder's lock: it may throw
    /// (the task then fails with that exception) and may emit events itself.
    /// </param>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/>, or a span over 24.8 days, waits without limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    /// <exception cref="TimeoutException">(From the task.) No matching event arrived in time; the message lists what did.</exception>
    /// <exception cref="ObjectDisposedException">(From the task, at once.) The recorder is disposed, or was disposed while waiting.</exception>
    public Task<TEvent> WaitFor<TEvent>(Func<TEvent, bool> predicate, TimeSpan timeout)
        where TEvent : struct, ITelemetryEvent =>
        WaitFor(predicate, timeout, CancellationToken.None);

    /// <summary>
    /// As <see cref="WaitFor{TEvent}(Func{TEvent, bool}, TimeSpan)"/>, and stops waiting when
    /// <paramref name="cancellationToken"/> is cancelled (the task is then cancelled).
    /// </summary>
    public Task<TEvent> WaitFor<TEvent>(Func<TEvent, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken)
        where TEvent : struct, ITelemetryEvent
    {
        if (predicate is null)
        {
            throw new ArgumentNullException(nameof(predicate));
        }

        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be zero or more, or Timeout.InfiniteTimeSpan.");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TEvent>(cancellationToken);
        }

        Waiter waiter;
        RecordedEvent[] recorded;
        lock (_lock)
        {
            if (_disposed)
            {
                return Task.FromException<TEvent>(Disposed());
            }

            // Registered before the recorded events are looked at, so that none emitted meanwhile is missed; those
            // recorded already are looked at outside the lock, where the predicate may emit.
            waiter = new Waiter(payload => payload is TEvent typed && predicate(typed));
            _waiters.Add(waiter);
            recorded = _events.ToArray();
        }

        waiter.Scan(recorded);
        if (waiter.Completion.Task.IsCompleted)
        {
            Forget(waiter);
            return Unwrap<TEvent>(waiter.Completion.Task);
        }

        return Wait<TEvent>(waiter, timeout, cancellationToken);
    }

    /// <summary>Forgets what was recorded so far.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _events.Clear();
        }
    }

    /// <summary>
    /// Stops recording. Events recorded so far stay readable through this recorder; nothing else keeps it (or them)
    /// alive, not even an execution context captured while it recorded. A <see cref="WaitFor{TEvent}(Func{TEvent, bool}, TimeSpan)"/>
    /// still waiting fails with <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        Waiter[] pending;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pending = _waiters.ToArray();
            _waiters.Clear();
        }

        foreach (var waiter in pending)
        {
            waiter.Completion.TrySetException(Disposed());
        }

        if (_global)
        {
            lock (s_gate)
            {
                s_global = s_global.Where(r => r != this).ToArray();
            }
        }
        else
        {
            _flowEntry!.Recorder = null;
            if (s_flow.Value is { } flow && Array.IndexOf(flow, _flowEntry) >= 0)
            {
                s_flow.Value = flow.Where(entry => entry != _flowEntry).ToArray();
            }
        }

        Alive(-1);
    }

    /// <summary>What was recorded, one event per line, for assertion messages.</summary>
    public string Describe()
    {
        var events = Events;
        return events.Count == 0
            ? "No event was recorded."
            : "Recorded:\n" + string.Join("\n", events.Select((e, i) => $"  {i + 1}. {e}"));
    }

    internal void Record(ITelemetryEvent payload)
    {
        Waiter[] waiters;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _events.Add(new RecordedEvent(payload, Environment.CurrentManagedThreadId));
            if (_waiters.Count == 0)
            {
                return;
            }

            waiters = _waiters.ToArray();
        }

        // Outside the lock: a predicate may emit (and so record again, on this thread) or throw.
        foreach (var waiter in waiters)
        {
            if (waiter.Offer(payload))
            {
                Forget(waiter);
            }
        }
    }

    private void Forget(Waiter waiter)
    {
        lock (_lock)
        {
            _waiters.Remove(waiter);
        }
    }

    private static ObjectDisposedException Disposed() =>
        new(nameof(TelemetryRecorder), "The recorder was disposed: WaitFor cannot see events it no longer records.");

    /// <summary>Called for every event while any recorder is alive: hands it to the flow's recorders and the global ones.</summary>
    private static void Dispatch(ITelemetryEvent payload)
    {
        if (s_flow.Value is { } flow)
        {
            foreach (var entry in flow)
            {
                entry.Recorder?.Record(payload);
            }
        }

        foreach (var recorder in s_global)
        {
            recorder.Record(payload);
        }
    }

    private static void Alive(int delta)
    {
        lock (s_gate)
        {
            s_alive += delta;
            if (delta > 0 && s_alive == 1)
            {
                TelemetryHub.Default.AttachObserver(ObserverId, Observer.Instance);
            }
            else if (delta < 0 && s_alive == 0)
            {
                TelemetryHub.Default.Detach(ObserverId);
            }
        }
    }

    private async Task<TEvent> Wait<TEvent>(Waiter waiter, TimeSpan timeout, CancellationToken cancellationToken)
        where TEvent : struct, ITelemetryEvent
    {
        // Timers take at most int.MaxValue ms: a longer timeout waits without limit.
        var milliseconds = timeout == Timeout.InfiniteTimeSpan || timeout.TotalMilliseconds > int.MaxValue
            ? Timeout.Infinite
            : (int)Math.Ceiling(timeout.TotalMilliseconds);
        try
        {
            using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var finished = await Task.WhenAny(waiter.Completion.Task, Task.Delay(milliseconds, timer.Token)).ConfigureAwait(false);
                timer.Cancel();
                if (finished == waiter.Completion.Task)
                {
                    return await Unwrap<TEvent>(waiter.Completion.Task).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Forget(waiter);
        }

        // The event may have arrived between the timeout and the removal: then it counts.
        if (waiter.Completion.Task.IsCompleted)
        {
            return await Unwrap<TEvent>(waiter.Completion.Task).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"No matching {default(TEvent).EventName} event was recorded within {timeout.TotalMilliseconds} ms.\n{Describe()}");
    }

    private static async Task<TEvent> Unwrap<TEvent>(Task<ITelemetryEvent> task)
        where TEvent : struct, ITelemetryEvent =>
        (TEvent)await task.ConfigureAwait(false);

    /// <summary>The one observer attached to the default hub while any recorder is alive.</summary>
    private sealed class Observer : ITelemetryHandler
    {
        public static readonly Observer Instance = new();

        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent
        {
            try
            {
                Dispatch(e);
            }
            catch (Exception)
            {
                // Never let the hub see this observer fail: it would detach it, and every recorder would go deaf.
            }
        }
    }

    /// <summary>The recorder a flow records into, until it is disposed.</summary>
    private sealed class FlowEntry
    {
        public FlowEntry(TelemetryRecorder recorder) => Recorder = recorder;

        public volatile TelemetryRecorder? Recorder;
    }

    /// <summary>
    /// One <c>WaitFor</c>: its predicate, and its completion. Events already recorded are scanned once, outside the
    /// recorder's lock, while new events are offered as they come; a new event that matches during the scan is held
    /// until the scan ends, so an earlier recorded event that matches wins.
    /// </summary>
    private sealed class Waiter
    {
        /// <summary>
        /// How deeply one waiter's predicate may run inside itself on one thread (it emitted an event it is offered):
        /// a predicate that does so each time would recurse through the shared observer until the hub's depth limit,
        /// which fails the innermost handler, the observer, and leaves every recorder of the process deaf.
        /// </summary>
        private const int MaxNesting = 4;

        // The waiters whose predicates run on this thread, outermost first.
        [ThreadStatic]
        private static List<Waiter>? t_testing;

        private readonly Func<ITelemetryEvent, bool> _matches;
        private readonly object _gate = new();
        private bool _scanning = true;
        private ITelemetryEvent? _held;
        private Exception? _heldFailure;

        public Waiter(Func<ITelemetryEvent, bool> matches) => _matches = matches;

        public TaskCompletionSource<ITelemetryEvent> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Looks at the events recorded before the wait began, in order.</summary>
        public void Scan(RecordedEvent[] recorded)
        {
            ITelemetryEvent? found = null;
            Exception? failure = null;
            foreach (var candidate in recorded)
            {
                if (Test(candidate.Payload, out failure))
                {
                    found = candidate.Payload;
                    break;
                }
            }

            lock (_gate)
            {
                _scanning = false;
                if (found is null && (_held is not null || _heldFailure is not null))
                {
                    (found, failure) = (_held, _heldFailure);
                }

                _held = null;
                _heldFailure = null;

                // Completed in the gate: an offer that takes the gate after it sees scanning over and completes the
                // task itself, which must not beat the event found here (continuations run asynchronously).
                if (found is not null)
                {
                    Complete(found, failure);
                }
            }
        }

        /// <summary>Offers a newly recorded event; true when the waiter is done with (completed, or was already).</summary>
        public bool Offer(ITelemetryEvent payload)
        {
            if (Completion.Task.IsCompleted)
            {
                return true;
            }

            if (!Test(payload, out var failure))
            {
                return false;
            }

            lock (_gate)
            {
                if (_scanning)
                {
                    if (_held is null)
                    {
                        (_held, _heldFailure) = (payload, failure);
                    }

                    return false;
                }
            }

            Complete(payload, failure);
            return true;
        }

        private bool Test(ITelemetryEvent payload, out Exception? failure)
        {
            failure = null;
            var testing = t_testing ??= new List<Waiter>();
            var nesting = 0;
            foreach (var waiter in testing)
            {
                if (waiter == this)
                {
                    nesting++;
                }
            }

            if (nesting >= MaxNesting)
            {
                // This WaitFor fails, and nothing else: its predicate is not called again on this thread.
                failure = new InvalidOperationException(
                    $"The WaitFor predicate emitted events it is offered itself, {MaxNesting} levels deep: it would emit without end.");
                return true;
            }

            testing.Add(this);
            try
            {
                return _matches(payload);
            }
            catch (Exception ex)
            {
                // A predicate that throws fails its own WaitFor, and nothing else.
                failure = ex;
                return true;
            }
            finally
            {
                testing.RemoveAt(testing.Count - 1);
            }
        }

        private void Complete(ITelemetryEvent payload, Exception? failure)
        {
            if (failure is not null)
            {
                Completion.TrySetException(failure);
            }
            else
            {
                Completion.TrySetResult(payload);
            }
        }
    }
}
