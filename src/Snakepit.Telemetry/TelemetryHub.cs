using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Dispatch;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry;

/// <summary>
/// Attaches handlers to events and dispatches events to them, after Erlang's <c>:telemetry</c>: handlers have ids,
/// attach and detach never block emitters (copy-on-write), and a handler that throws is detached and reported as a
/// <see cref="TelemetryHandlerFailure"/> event.
/// </summary>
/// <remarks>
/// <para>Generated emitters (<c>SnakepitEvents.PythonCallStop(...)</c>) deliver to <see cref="Default"/>.</para>
/// <para>Failures: a handler whose call throws is detached first, then the <c>telemetry.handler.failure</c> event is
/// emitted, so a failure handler already sees it gone from <see cref="ListHandlers"/>. It is called once with the
/// failing event and never again, inline or in the background. Dispatch nested deeper than 32 emits on one thread
/// (a handler that emits what it handles), or a chain of 32 background handlers emitting for each other (or for
/// themselves), is such a failure too (<see cref="TelemetryRecursionException"/>).</para>
/// <para>A hub created with <c>new</c> lives until <see cref="Dispose"/>, which detaches every handler and stops
/// every background worker; <see cref="Default"/> lives as long as the process.</para>
/// </remarks>
public sealed class TelemetryHub : IDisposable
{
    private readonly object _writeLock = new();
    private volatile HandlerRegistration[] _registrations = Array.Empty<HandlerRegistration>();
    private volatile TelemetrySlot?[] _slots = Array.Empty<TelemetrySlot?>();
    // Registrations taken out of the hub whose background worker has not exited yet (draining after DetachAsync, or
    // stopping after a failure, whose failure handlers may still run on it): WaitForBackgroundHandler still finds them,
    // and DetachAll and Dispose stop them.
    private readonly List<HandlerRegistration> _retiring = new();
    private readonly bool _isDefault;
    private volatile bool _disposed;

    /// <summary>Creates a hub of its own (for tests, or to isolate a component); generated emitters use <see cref="Default"/>.</summary>
    public TelemetryHub()
        : this(isDefault: false)
    {
    }

    private TelemetryHub(bool isDefault)
    {
        // A field, not a comparison with Default: code under the hub's lock must not run Default's initializer,
        // which takes the registry's lock (the registry takes hubs' locks inside its own, never the reverse).
        _isDefault = isDefault;
        EventRegistry.AddHub(this);
    }

    /// <summary>The process-wide hub that generated emitters deliver to.</summary>
    public static TelemetryHub Default { get; } = new(isDefault: true);

    private static readonly GenericBinding[] NoGenerics = Array.Empty<GenericBinding>();

    private bool IsDefault => _isDefault;

    /// <summary>
    /// Attaches <paramref name="handler"/> to every event whose generated handler interface (such as
    /// <c>IPythonCallStopHandler</c>) it implements, and, if it implements <see cref="ITelemetryHandler"/>, to every
    /// other event through that generic interface. This is <c>:telemetry.attach_many</c> in one call. An annotated
    /// <see cref="TelemetryHandlerAttribute"/> class is attached through its generated wiring (its
    /// <see cref="OnEventAttribute"/> methods, interfaces and dispatch mode) under <paramref name="handlerId"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The id is empty, or the object implements no handler interface.</exception>
    /// <exception cref="InvalidOperationException">A handler with this id is already attached.</exception>
    public void Attach(string handlerId, object handler)
    {
        if (handler is ITelemetryHandlerWiring wiring)
        {
            // An annotated [TelemetryHandler] class: its [OnEvent] methods and interfaces, under the id given here.
            ValidateId(handlerId);
            var builder = new TelemetryHandlerBuilder(handlerId, handler);
            wiring.Bind(builder);
            Attach(builder);
            return;
        }

        AttachObject(handlerId, handler, Array.Empty<string>());
    }

    /// <summary>Attaches a typed callback (a lambda or method group) to the event <typeparamref name="TEvent"/>.</summary>
    /// <exception cref="InvalidOperationException">A handler with this id is already attached.</exception>
    public void Attach<TEvent>(string handlerId, TelemetryCallback<TEvent> callback)
        where TEvent : struct, ITelemetryEvent
    {
        ValidateId(handlerId);
        if (callback is null)
        {
            throw new ArgumentNullException(nameof(callback));
        }

        var eventType = TelemetryDispatch<TEvent>.Type;
        var callbacks = new Dictionary<Type, Delegate> { [typeof(TEvent)] = callback };
        Add(new HandlerRegistration(this, handlerId, callback, callbacks, new EventType[] { eventType }, NoGenerics));
    }

    /// <summary>Attaches the bindings collected by <paramref name="builder"/> under its handler id.</summary>
    /// <exception cref="ArgumentException">The id is empty, or the builder has no binding.</exception>
    /// <exception cref="InvalidOperationException">A handler with this id is already attached.</exception>
    public void Attach(TelemetryHandlerBuilder builder)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        ValidateId(builder.HandlerId);
        if (builder.Callbacks.Count == 0 && builder.Generics.Count == 0)
        {
            throw new ArgumentException($"Handler '{builder.HandlerId}' has no binding: bind at least one event with On<TEvent> or OnEvents.", nameof(builder));
        }

        var callbacks = new Dictionary<Type, Delegate>(builder.Callbacks);
        Add(Register(builder.HandlerId, builder.Owner, callbacks, builder.Events.ToArray(), builder.Generics.ToArray(), builder.DispatchMode, builder.QueueCapacity));
    }

    /// <summary>
    /// Reports an exception a handler caught itself (the SNK002 fix writes this call): the built-in
    /// <c>telemetry.handler.failure</c> event is emitted, and, unlike an exception that escapes, the handler stays attached.
    /// </summary>
    /// <param name="handler">The handler object (or its id as a string).</param>
    /// <param name="eventName">The name of the event being handled.</param>
    /// <param name="exception">What was caught.</param>
    public void ReportHandlerError(object handler, string eventName, Exception exception)
    {
        if (handler is null || eventName is null || exception is null)
        {
            throw new ArgumentNullException(handler is null ? nameof(handler) : eventName is null ? nameof(eventName) : nameof(exception));
        }

        var registration = handler is string id ? Array.Find(_registrations, r => r.Id == id) : RegistrationOf(handler, eventName);
        var reportedId = handler as string ?? registration?.Id ?? WiringIdOf(handler) ?? handler.GetType().FullName ?? "?";
        if (registration is not null)
        {
            Interlocked.Increment(ref registration.Failures);
        }

        Report(reportedId, eventName, exception, detached: false);
    }

    /// <summary>
    /// A System.Diagnostics listener's callback failed (threw, or emitted without end) while generated code recorded or
    /// traced <paramref name="eventName"/>: reported like an error a handler reported (nothing to detach).
    /// </summary>
    internal void ReportListenerFailure(string listenerId, string eventName, Exception exception) =>
        Report(listenerId, eventName, exception, detached: false);

    /// <summary>
    /// The registration <paramref name="handler"/> belongs to: attached as itself, as a builder's owner, or as the
    /// target of one of its callbacks (a lambda of that object passes <c>this</c>). When several registrations share
    /// the object, the one receiving <paramref name="eventName"/>.
    /// </summary>
    private HandlerRegistration? RegistrationOf(object handler, string eventName)
    {
        HandlerRegistration? first = null;
        foreach (var registration in _registrations)
        {
            if (!registration.BelongsTo(handler))
            {
                continue;
            }

            if (registration.Receives(eventName))
            {
                return registration;
            }

            first ??= registration;
        }

        return first;
    }

    /// <summary>The id an annotated handler's generated wiring declares (user code, so guarded).</summary>
    private static string? WiringIdOf(object handler)
    {
        try
        {
            return (handler as ITelemetryHandlerWiring)?.HandlerId;
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>Makes a registration; for background dispatch, with a worker of its own that every binding's queue feeds.</summary>
    private HandlerRegistration Register(
        string handlerId,
        object owner,
        Dictionary<Type, Delegate> callbacks,
        IReadOnlyList<EventType> events,
        GenericBinding[] generics,
        TelemetryDispatchMode mode,
        int queueCapacity)
    {
        if (mode != TelemetryDispatchMode.Background)
        {
            return new HandlerRegistration(this, handlerId, owner, callbacks, events, generics);
        }

        var worker = new BackgroundWorker(handlerId, queueCapacity);
        var registration = new HandlerRegistration(this, handlerId, owner, callbacks, events, generics, worker);
        worker.OnFailure = (eventName, exception) => OnHandlerFailed(registration, eventName, exception);
        worker.OnSlow = (eventName, elapsed) => OnHandlerSlow(registration, eventName, elapsed);

        // Its thread gone, a retired registration is let go at once (its handler, callbacks and queue storage with it),
        // not at the hub's next change. Nothing holds the write lock while waiting for a worker, so taking it here is safe.
        worker.OnExit = () =>
        {
            lock (_writeLock)
            {
                registration.WorkerExited = true;
                _retiring.Remove(registration);
            }
        };
        return registration;
    }

    /// <summary>
    /// Attaches a <see cref="TelemetryHandlerAttribute"/> class through its generated wiring, under the id the
    /// attribute gives.
    /// </summary>
    /// <exception cref="InvalidOperationException">A handler with this id is already attached.</exception>
    public void Attach(ITelemetryHandlerWiring handler)
    {
        if (handler is null)
        {
            throw new ArgumentNullException(nameof(handler));
        }

        handler.AttachTo(this);
    }

    /// <summary>
    /// Attaches a generic handler to the events matching <paramref name="eventPatterns"/>: exact names, prefixes
    /// such as <c>snakepit.pool.*</c>, or <c>*</c>. With no pattern it receives every event. Events declared later,
    /// or in catalogs not yet loaded, are matched too. Generated handler interfaces the object also implements are
    /// bound as by <see cref="Attach(string, object)"/>, and take precedence over the generic method for their events.
    /// </summary>
    /// <exception cref="ArgumentException">The id is empty, or a pattern is invalid.</exception>
    /// <exception cref="InvalidOperationException">A handler with this id is already attached.</exception>
    public void Attach(string handlerId, ITelemetryHandler handler, [EventName] params string[] eventPatterns) =>
        AttachObject(handlerId, handler, eventPatterns ?? Array.Empty<string>());

    /// <summary>
    /// Binds every generated handler interface <paramref name="handler"/> implements, and its
    /// <see cref="ITelemetryHandler"/> (if any) to the events matching <paramref name="patterns"/> (all when empty)
    /// that no typed interface of it already handles.
    /// </summary>
    private void AttachObject(string handlerId, object handler, string[] patterns)
    {
        ValidateId(handlerId);
        if (handler is null)
        {
            throw new ArgumentNullException(nameof(handler));
        }

        foreach (var pattern in patterns)
        {
            var problem = EventPatterns.Problem(pattern);
            if (problem is not null)
            {
                throw new ArgumentException(problem, "eventPatterns");
            }
        }

        // Generated binders test the object against each catalog's handler interfaces: no reflection, so this works
        // with Native AOT and trimming. Catalogs of assemblies that have not run code yet register first.
        var bound = new TelemetryHandlerBuilder(handlerId, handler);
        TelemetryCatalogs.InitializeNewlyLoadedCatalogs();
        TelemetryCatalogs.Bind(handler, bound);
        if (LegacyBinding.IsAvailable)
        {
            // Interfaces of catalogs compiled without a module initializer (C# 8 libraries), beside those the
            // generated binders bound: each interface the object implements is bound, whichever way its catalog came.
            LegacyBinding.BindByReflection(handler, bound);
        }

        var callbacks = new Dictionary<Type, Delegate>(bound.Callbacks);
        var events = bound.Events;
        var handlerType = handler.GetType();
        var generic = handler as ITelemetryHandler;
        if (callbacks.Count == 0 && generic is null)
        {
            throw new ArgumentException(
                $"'{handlerType.FullName}' implements no telemetry handler interface: implement a generated interface such as IPythonCallStopHandler, or ITelemetryHandler for every event.",
                nameof(handler));
        }

        var generics = generic is null
            ? NoGenerics
            : new[] { new GenericBinding(generic, patterns.Length == 0 ? new[] { "*" } : patterns.ToArray(), yieldsToTyped: true) };
        var declared = handlerType.GetCustomAttribute<TelemetryHandlerAttribute>();
        Add(Register(handlerId, handler, callbacks, events, generics, declared?.Dispatch ?? TelemetryDispatchMode.Inline, declared?.QueueCapacity ?? TelemetryHandlerBuilder.DefaultQueueCapacity));
    }

    /// <summary>
    /// Attaches an observer: a generic handler of every event, inline, that <see cref="ListHandlers"/> does not list
    /// and <see cref="DetachAll"/> leaves attached (it is detached with <see cref="Detach"/> by its id). For testing
    /// tools such as Snakepit.Telemetry.Testing's recorder, which must not change what the code under test sees.
    /// </summary>
    /// <exception cref="InvalidOperationException">A handler or observer with this id is already attached.</exception>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public void AttachObserver(string observerId, ITelemetryHandler observer)
    {
        ValidateId(observerId);
        if (observer is null)
        {
            throw new ArgumentNullException(nameof(observer));
        }

        var registration = new HandlerRegistration(
            this,
            observerId,
            observer,
            new Dictionary<Type, Delegate>(),
            Array.Empty<EventType>(),
            new[] { new GenericBinding(observer, new[] { "*" }, yieldsToTyped: false) })
        {
            IsObserver = true,
        };
        Add(registration);
    }

    /// <summary>Detaches the handler with this id from every event.</summary>
    /// <remarks>
    /// A background handler is not called again once this returns (it waits for a call in progress to end, unless it
    /// is called from that call); events still waiting in its queue are dropped and counted. To let them be handled
    /// first, use <see cref="DetachAsync"/>. An inline handler may still be running on other threads that emitted
    /// before the detach, as in <c>:telemetry</c>.
    /// </remarks>
    /// <returns>Whether a handler with this id was attached.</returns>
    public bool Detach(string handlerId)
    {
        if (handlerId is null)
        {
            throw new ArgumentNullException(nameof(handlerId));
        }

        var removed = Remove(handlerId, stopWorker: true);
        removed?.Worker?.Stop();
        return removed is not null;
    }

    /// <summary>
    /// Detaches the handler with this id so that it receives no new event, then, for a background handler, lets it
    /// handle what is already queued, for at most <paramref name="timeout"/>; what is left then is dropped and counted.
    /// The hosting package uses this when the host stops.
    /// </summary>
    /// <returns>Whether a handler with this id was attached.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/> (checked before anything is detached).</exception>
    public async Task<bool> DetachAsync(string handlerId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (handlerId is null)
        {
            throw new ArgumentNullException(nameof(handlerId));
        }

        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The drain timeout must be zero or more, or Timeout.InfiniteTimeSpan.");
        }

        var removed = Remove(handlerId, stopWorker: false);
        var worker = removed?.Worker;
        if (worker is null)
        {
            return removed is not null;
        }

        try
        {
            using var expired = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (Timeouts.IsFinite(timeout))
            {
                expired.CancelAfter(timeout);
            }

            var drained = worker.WhenIdle();
            await Task.WhenAny(drained, Task.Delay(Timeout.Infinite, expired.Token)).ConfigureAwait(false);

            // No call starts after this; a call still running (the timeout expired during it) is not waited for
            // beyond what is left of the timeout.
            worker.Stop(wait: false);
            await Task.WhenAny(worker.Exited, Task.Delay(Timeout.Infinite, expired.Token)).ConfigureAwait(false);
        }
        finally
        {
            // Whatever ended the wait (drained, timed out, cancelled): the worker stops.
            worker.Stop(wait: false);
        }

        return true;
    }

    /// <summary>Detaches every handler, as <see cref="Detach"/> does each.</summary>
    /// <returns>How many handlers were attached.</returns>
    public int DetachAll() => DetachEvery(includeObservers: false);

    private int DetachEvery(bool includeObservers)
    {
        HandlerRegistration[] removed;
        HandlerRegistration[] retiring;
        lock (_writeLock)
        {
            removed = includeObservers ? _registrations : Array.FindAll(_registrations, r => !r.IsObserver);
            Publish(includeObservers ? Array.Empty<HandlerRegistration>() : Array.FindAll(_registrations, r => r.IsObserver));
            foreach (var registration in removed)
            {
                registration.MarkDetached();
                registration.Worker?.Stop(wait: false);
                Retire(registration);
            }

            // Handlers still draining after DetachAsync, or stopping after a failure, stop too: after this returns,
            // nothing of this hub runs.
            retiring = _retiring.ToArray();
            foreach (var registration in retiring)
            {
                registration.Worker?.Stop(wait: false);
            }
        }

        foreach (var registration in retiring)
        {
            registration.Worker?.Stop();
        }

        lock (_writeLock)
        {
            _retiring.RemoveAll(r => r.Worker!.Exited.IsCompleted);
        }

        return removed.Length;
    }

    /// <summary>
    /// Detaches every handler and stops every background worker; later attaches throw
    /// <see cref="ObjectDisposedException"/>. The hub can then be collected.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is <see cref="Default"/>, which lives as long as the process (use <see cref="DetachAll"/>).</exception>
    public void Dispose()
    {
        if (IsDefault)
        {
            throw new InvalidOperationException("TelemetryHub.Default lives as long as the process and cannot be disposed; call DetachAll to detach every handler.");
        }

        _disposed = true;
        DetachEvery(includeObservers: true);
    }

    /// <summary>
    /// Takes the registration with this id out of the hub and marks it detached; with <paramref name="stopWorker"/>, a
    /// background worker is told to stop too (without waiting: the caller waits, outside the lock).
    /// </summary>
    private HandlerRegistration? Remove(string handlerId, bool stopWorker)
    {
        lock (_writeLock)
        {
            var current = _registrations;
            var index = Array.FindIndex(current, r => r.Id == handlerId);
            if (index < 0)
            {
                return null;
            }

            var removed = current[index];
            Publish(current.Where((_, i) => i != index).ToArray());
            removed.MarkDetached();
            if (stopWorker)
            {
                removed.Worker?.Stop(wait: false);
            }

            Retire(removed);
            return removed;
        }
    }

    /// <summary>
    /// Keeps a removed background registration findable until its worker has exited (its worker's exit lets it go;
    /// a worker that never started is not kept). Caller holds the write lock.
    /// </summary>
    private void Retire(HandlerRegistration registration)
    {
        _retiring.RemoveAll(r => r.Worker!.Exited.IsCompleted);
        if (registration.Worker is { Exited.IsCompleted: false } && !registration.WorkerExited && !_retiring.Contains(registration))
        {
            _retiring.Add(registration);
        }
    }

    /// <summary>
    /// The attached handlers that receive an event under <paramref name="eventPrefix"/> (whole segments:
    /// <c>snakepit.python</c> covers <c>snakepit.python.call.stop</c>; empty or <c>*</c> lists all), in attach order.
    /// </summary>
    public IReadOnlyList<TelemetryHandlerInfo> ListHandlers([EventName(Prefix = true)] string eventPrefix = "")
    {
        if (eventPrefix is null)
        {
            throw new ArgumentNullException(nameof(eventPrefix));
        }

        var result = new List<TelemetryHandlerInfo>();
        foreach (var registration in _registrations)
        {
            if (registration.IsObserver)
            {
                continue;
            }

            var events = registration.EventsUnder(eventPrefix);
            if (events.Count > 0)
            {
                result.Add(new TelemetryHandlerInfo(registration.Id, events, registration.Handler, registration.Worker, registration));
            }
        }

        return result;
    }

    /// <summary>
    /// Answers, for one event name, why it does or does not reach handlers: is it declared by a loaded catalog, in use,
    /// allowed or excluded or sampled by the settings, and which handlers of this hub receive it.
    /// </summary>
    public TelemetryEventDiagnosis Diagnose([EventName] string eventName)
    {
        if (eventName is null)
        {
            throw new ArgumentNullException(nameof(eventName));
        }

        var frequency = TelemetryConfiguration.FrequencyOf(eventName);
        var used = EventRegistry.All.Any(t => t.Name == eventName);
        var (allowed, rate, reason) = TelemetryConfiguration.Explain(eventName);
        var handlers = new List<TelemetryHandlerInfo>();
        foreach (var registration in _registrations)
        {
            if (registration.IsObserver)
            {
                continue;
            }

            var events = registration.EventsUnder("");
            if (events.Any(pattern => EventPatterns.Matches(pattern, eventName)))
            {
                handlers.Add(new TelemetryHandlerInfo(registration.Id, events, registration.Handler, registration.Worker, registration));
            }
        }

        return new TelemetryEventDiagnosis(eventName, frequency is not null || used, used, allowed, rate, reason, handlers, frequency);
    }

    /// <summary>
    /// A textual report of the hub for a log: each handler with its events, dispatch mode, events received, failures,
    /// queued and dropped events, and the settings in force.
    /// </summary>
    public string Describe()
    {
        var handlers = ListHandlers();
        var settings = TelemetryConfiguration.Current;
        var text = new System.Text.StringBuilder();
        text.Append(IsDefault ? "TelemetryHub.Default" : "TelemetryHub").Append(": ").Append(handlers.Count).AppendLine(handlers.Count == 1 ? " handler" : " handlers");
        foreach (var handler in handlers.OrderBy(h => h.Id, StringComparer.Ordinal))
        {
            text.Append("  ").AppendLine(handler.ToString());
        }

        text.Append("Settings: ").Append(settings.Enabled ? "enabled" : "switched off (Enabled = false)");
        text.Append("; excluded: ").Append(settings.Exclude.Count == 0 ? "none" : string.Join(", ", settings.Exclude));
        text.Append("; sampling: ").Append(settings.Sampling.Count == 0 ? "none" : string.Join(", ", settings.Sampling.Select(r => $"{r.Key}={r.Value:0.###}")));
        return text.ToString();
    }

    /// <summary>
    /// Waits until nothing is queued for the background handler <paramref name="handlerId"/> and no call of it is
    /// running, for tests and orderly shutdown: once it returns true, every call of the handler has ended, with what
    /// it led to on its worker (the failure handlers of a call that failed, whose failure detached it). True at once
    /// for inline or unknown handlers.
    /// </summary>
    /// <remarks>
    /// Called from the handler's own call (its worker's thread), it returns false at once: the worker cannot be idle
    /// while that call runs. From another background handler it waits unless that closes a cycle of handlers waiting
    /// for each other (see <see cref="Detach"/>).
    /// </remarks>
    /// <param name="handlerId">The handler's id.</param>
    /// <param name="timeout">How long to wait at most; <see cref="Timeout.InfiniteTimeSpan"/> waits without limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public bool WaitForBackgroundHandler(string handlerId, TimeSpan timeout)
    {
        if (handlerId is null)
        {
            throw new ArgumentNullException(nameof(handlerId));
        }

        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be zero or more, or Timeout.InfiniteTimeSpan.");
        }

        var worker = WorkerOf(handlerId);
        if (worker is null)
        {
            return true;
        }

        // From a background handler, the wait takes part in the workers' cycle detection (see BackgroundWorker.Stop).
        return worker.WaitUntilIdle(Timeouts.ToMilliseconds(timeout));
    }

    /// <summary>The worker of the background handler <paramref name="handlerId"/>: attached, or detached and still running (for tests).</summary>
    internal BackgroundWorker? WorkerOf(string handlerId)
    {
        var attached = Array.Find(_registrations, r => r.Id == handlerId)?.Worker;
        if (attached is not null)
        {
            return attached;
        }

        lock (_writeLock)
        {
            return _retiring.FindLast(r => r.Id == handlerId && !r.Worker!.Exited.IsCompleted)?.Worker;
        }
    }

    /// <summary>Whether any handler of this hub listens to <typeparamref name="TEvent"/>.</summary>
    public bool IsEnabled<TEvent>()
        where TEvent : struct, ITelemetryEvent => SlotOf<TEvent>() is not null;

    /// <summary>Delivers <paramref name="e"/> to this hub's handlers. Generated emitters do this for <see cref="Default"/>.</summary>
    public void Emit<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent
    {
        SlotOf<TEvent>()?.Dispatch(in e);
    }

    private TelemetrySlot<TEvent>? SlotOf<TEvent>()
        where TEvent : struct, ITelemetryEvent
    {
        // The index first: its first use registers the event type, which may add a slot to this hub.
        var index = TelemetryDispatch<TEvent>.Type.Index;
        var slots = _slots;
        return (uint)index < (uint)slots.Length ? slots[index] as TelemetrySlot<TEvent> : null;
    }

    /// <summary>
    /// A handler call took longer than the timing threshold: reported (at most once a second per handler) as the
    /// built-in event <c>telemetry.handler.slow</c> and on the EventSource. Slow handlers of that event are not reported.
    /// Never throws.
    /// </summary>
    internal void OnHandlerSlow(HandlerRegistration registration, string eventName, long elapsedTicks)
    {
        if (eventName == TelemetryHandlerSlow.Name || !HandlerTiming.ShouldReport(registration, System.Diagnostics.Stopwatch.GetTimestamp()))
        {
            return;
        }

        var duration = TimeSpan.FromTicks((long)(elapsedTicks * ((double)TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency)));
        TelemetryEventSource.Log.HandlerSlowSafe(registration.Id, eventName, duration.TotalMilliseconds);
        var slow = new TelemetryHandlerSlow(duration, registration.Id, eventName);
        EmitFromTop(in slow);
    }

    /// <summary>
    /// A handler failed: it is detached (a background worker stops without waiting, since this may run on it), and
    /// then the failure is reported. Only the first failure of a registration is reported. Never throws, whatever
    /// <paramref name="exception"/>'s members do.
    /// </summary>
    internal void OnHandlerFailed(HandlerRegistration registration, string eventName, Exception exception)
    {
        if (!registration.TryMarkFailed())
        {
            return;
        }

        // At once, before waiting for the lock: emitters holding the current slot skip it from now on.
        registration.MarkDetached();
        lock (_writeLock)
        {
            var current = _registrations;
            if (Array.IndexOf(current, registration) >= 0)
            {
                Publish(current.Where(r => !ReferenceEquals(r, registration)).ToArray());
                Retire(registration);
            }
        }

        registration.Worker?.Stop(wait: false);
        Interlocked.Increment(ref registration.Failures);

        // A failing failure handler is detached silently: reporting it again could loop.
        Report(registration.Id, eventName, exception, detached: true, emitEvent: eventName != TelemetryHandlerFailure.Name);
    }

    /// <summary>
    /// Reports a failure on the platform's channels (the EventSource and the failures counter, whether or not a failure
    /// handler is attached) and as the <c>telemetry.handler.failure</c> event. Never throws: the exception is read
    /// through <see cref="ExceptionText"/>, and failure handlers are isolated like any handler.
    /// </summary>
    private void Report(string handlerId, string eventName, Exception exception, bool detached, bool emitEvent = true)
    {
        TelemetryEventSource.Log.HandlerFailed(handlerId, eventName, exception, detached);
        if (emitEvent)
        {
            var failure = new TelemetryHandlerFailure(handlerId, eventName, exception, detached);
            EmitFromTop(in failure);
        }
    }

    /// <summary>
    /// Emits a built-in event from the top of the dispatch depth (restored afterwards, whatever happens), so that a
    /// failure found deep down, a recursion failure say, still reaches the failure handlers.
    /// </summary>
    private void EmitFromTop<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent
    {
        var depth = DispatchDepth.Value;
        DispatchDepth.Value = 0;
        try
        {
            Emit(in e);
        }
        catch (Exception)
        {
            // Dispatch isolates handlers; nothing else here runs user code. Never let a report fail its reporter.
        }
        finally
        {
            DispatchDepth.Value = depth;
        }
    }

    internal void OnEventTypeRegistered(EventType eventType)
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            var slots = _slots;
            if (eventType.Index < slots.Length && slots[eventType.Index] is not null)
            {
                return;
            }

            var registrations = _registrations;
            var slot = eventType.BuildSlot(this, registrations);
            if (slot is null)
            {
                return;
            }

            var grown = new TelemetrySlot?[Math.Max(slots.Length, eventType.Index + 1)];
            Array.Copy(slots, grown, slots.Length);
            grown[eventType.Index] = slot;
            _slots = grown;
            if (IsDefault)
            {
                eventType.DefaultSlot = slot;
            }
        }
    }

    private void Add(HandlerRegistration registration)
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(TelemetryHub), "This hub was disposed: attach to a live hub.");
            }

            var current = _registrations;
            if (current.Any(r => r.Id == registration.Id))
            {
                throw new InvalidOperationException(
                    $"A telemetry handler with id '{registration.Id}' is already attached. Detach it first, or give this handler another id.");
            }

            var next = new HandlerRegistration[current.Length + 1];
            Array.Copy(current, next, current.Length);
            next[current.Length] = registration;
            registration.Worker?.Start();
            Publish(next);
        }
    }

    /// <summary>Rebuilds every event's slot for the new registrations and publishes them. Caller holds the write lock.</summary>
    private void Publish(HandlerRegistration[] registrations)
    {
        var types = EventRegistry.All;
        var slots = new TelemetrySlot?[types.Length];
        foreach (var type in types)
        {
            slots[type.Index] = type.BuildSlot(this, registrations);
        }

        _registrations = registrations;
        _slots = slots;
        if (IsDefault)
        {
            foreach (var type in types)
            {
                type.DefaultSlot = slots[type.Index];
            }
        }
    }

    private static void ValidateId(string handlerId)
    {
        if (handlerId is null)
        {
            throw new ArgumentNullException(nameof(handlerId));
        }

        if (handlerId.Trim().Length == 0)
        {
            throw new ArgumentException("A handler id must not be empty: use a descriptive id such as 'myapp-python-logger'.", nameof(handlerId));
        }
    }
}
