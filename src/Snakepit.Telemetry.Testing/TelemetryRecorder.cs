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

    private static readonly AsyncLocal<TelemetryRecorder[]?> s_flow = new();
    private static readonly object s_gate = new();
    private static TelemetryRecorder[] s_global = Array.Empty<TelemetryRecorder>();
    private static int s_alive;

    private readonly object _lock = new();
    private readonly List<RecordedEvent> _events = new();
    private readonly List<Waiter> _waiters = new();
    private readonly bool _global;
    private bool _disposed;

    private TelemetryRecorder(bool global) => _global = global;

    /// <summary>Starts recording the events of the current async flow (this test, and the tasks it starts).</summary>
    public static TelemetryRecorder Start()
    {
        var recorder = new TelemetryRecorder(global: false);
        Alive(+1);
        var current = s_flow.Value ?? Array.Empty<TelemetryRecorder>();
        s_flow.Value = current.Concat(new[] { recorder }).ToArray();
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
    /// <exception cref="TimeoutException">(From the task.) No matching event arrived in time; the message lists what did.</exception>
    /// <exception cref="ObjectDisposedException">(From the task.) The recorder was disposed while waiting.</exception>
    public Task<TEvent> WaitFor<TEvent>(Func<TEvent, bool> predicate, TimeSpan timeout)
        where TEvent : struct, ITelemetryEvent
    {
        if (predicate is null)
        {
            throw new ArgumentNullException(nameof(predicate));
        }

        Waiter waiter;
        lock (_lock)
        {
            foreach (var recorded in _events)
            {
                if (recorded.Payload is TEvent typed && predicate(typed))
                {
                    return Task.FromResult(typed);
                }
            }

            waiter = new Waiter(payload => payload is TEvent typed && predicate(typed));
            _waiters.Add(waiter);
        }

        return Wait<TEvent>(waiter, timeout);
    }

    /// <summary>Forgets what was recorded so far.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _events.Clear();
        }
    }

    /// <summary>Stops recording. Events recorded so far stay readable.</summary>
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
            waiter.Completion.TrySetException(new ObjectDisposedException(nameof(TelemetryRecorder), "The recorder was disposed while WaitFor was waiting for an event."));
        }

        if (_global)
        {
            lock (s_gate)
            {
                s_global = s_global.Where(r => r != this).ToArray();
            }
        }
        else if (s_flow.Value is { } flow && Array.IndexOf(flow, this) >= 0)
        {
            s_flow.Value = flow.Where(r => r != this).ToArray();
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
        List<Waiter>? done = null;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _events.Add(new RecordedEvent(payload, Environment.CurrentManagedThreadId));
            foreach (var waiter in _waiters)
            {
                // A predicate that throws fails its own WaitFor, and nothing else: it runs on the emitting thread.
                bool matches;
                try
                {
                    matches = waiter.Matches(payload);
                }
                catch (Exception ex)
                {
                    waiter.Failure = ex;
                    matches = true;
                }

                if (matches)
                {
                    (done ??= new List<Waiter>()).Add(waiter);
                }
            }

            if (done is not null)
            {
                _waiters.RemoveAll(done.Contains);
            }
        }

        if (done is not null)
        {
            foreach (var waiter in done)
            {
                if (waiter.Failure is { } failure)
                {
                    waiter.Completion.TrySetException(failure);
                }
                else
                {
                    waiter.Completion.TrySetResult(payload);
                }
            }
        }
    }

    /// <summary>Called for every event while any recorder is alive: hands it to the flow's recorders and the global ones.</summary>
    private static void Dispatch(ITelemetryEvent payload)
    {
        if (s_flow.Value is { } flow)
        {
            foreach (var recorder in flow)
            {
                recorder.Record(payload);
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

    private async Task<TEvent> Wait<TEvent>(Waiter waiter, TimeSpan timeout)
        where TEvent : struct, ITelemetryEvent
    {
        using (var timer = new CancellationTokenSource())
        {
            var finished = await Task.WhenAny(waiter.Completion.Task, Task.Delay(timeout, timer.Token)).ConfigureAwait(false);
            timer.Cancel();
            if (finished == waiter.Completion.Task)
            {
                return (TEvent)await waiter.Completion.Task.ConfigureAwait(false);
            }
        }

        lock (_lock)
        {
            _waiters.Remove(waiter);
        }

        // The event may have arrived between the timeout and the lock: then it counts.
        if (waiter.Completion.Task.IsCompleted)
        {
            return (TEvent)await waiter.Completion.Task.ConfigureAwait(false);
        }

        throw new TimeoutException($"No matching {default(TEvent).EventName} event was recorded within {timeout.TotalMilliseconds} ms.\n{Describe()}");
    }

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

    private sealed class Waiter
    {
        private readonly Func<ITelemetryEvent, bool> _matches;

        public Waiter(Func<ITelemetryEvent, bool> matches) => _matches = matches;

        public TaskCompletionSource<ITelemetryEvent> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>What the predicate threw, if it did (set under the recorder's lock).</summary>
        public Exception? Failure { get; set; }

        public bool Matches(ITelemetryEvent payload) => _matches(payload);
    }
}
