using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Snakepit.Telemetry.Dispatch;

namespace Snakepit.Telemetry;

/// <summary>
/// Attaches handlers to events and dispatches events to them, after Erlang's <c>:telemetry</c>: handlers have ids,
/// attach and detach never block emitters (copy-on-write), and a handler that throws is detached and reported as a
/// <see cref="TelemetryHandlerFailure"/> event.
/// </summary>
/// <remarks>Generated emitters (<c>SnakepitEvents.PythonCallStop(...)</c>) deliver to <see cref="Default"/>.</remarks>
public sealed class TelemetryHub
{
    private readonly object _writeLock = new();
    private volatile HandlerRegistration[] _registrations = Array.Empty<HandlerRegistration>();
    private volatile EventSlot?[] _slots = Array.Empty<EventSlot?>();

    /// <summary>Creates a hub of its own (for tests, or to isolate a component); generated emitters use <see cref="Default"/>.</summary>
    public TelemetryHub()
    {
        EventRegistry.AddHub(this);
    }

    /// <summary>The process-wide hub that generated emitters deliver to.</summary>
    public static TelemetryHub Default { get; } = new();

    private static readonly KeyValuePair<ITelemetryHandler, string[]>[] NoGenerics = Array.Empty<KeyValuePair<ITelemetryHandler, string[]>>();

    private bool IsDefault => ReferenceEquals(this, Default);

    /// <summary>
    /// Attaches <paramref name="handler"/> to every event whose generated handler interface (such as
    /// <c>IPythonCallStopHandler</c>) it implements, and, if it implements <see cref="ITelemetryHandler"/>, to every
    /// other event through that generic interface. This is <c>:telemetry.attach_many</c> in one call.
    /// </summary>
    /// <exception cref="ArgumentException">The id is empty, or the object implements no handler interface.</exception>
    /// <exception cref="InvalidOperationException">A handler with this id is already attached.</exception>
    public void Attach(string handlerId, object handler) => AttachObject(handlerId, handler, Array.Empty<string>());

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
        Add(new HandlerRegistration(handlerId, callback, callbacks, new EventType[] { eventType }, NoGenerics));
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
        var events = callbacks.Keys.Select(EventRegistry.GetOrRegister).ToArray();
        Add(Register(builder.HandlerId, builder.Owner, callbacks, events, builder.Generics.ToArray(), builder.DispatchMode, builder.QueueCapacity));
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

        var id = handler as string ??
                 Array.Find(_registrations, r => ReferenceEquals(r.Handler, handler))?.Id ??
                 (handler as ITelemetryHandlerWiring)?.HandlerId ??
                 handler.GetType().FullName ?? "?";
        var failure = new TelemetryHandlerFailure(id, eventName, exception);
        Emit(in failure);
    }

    /// <summary>Makes a registration; for background dispatch, routes every binding through a worker of its own.</summary>
    private HandlerRegistration Register(
        string handlerId,
        object owner,
        Dictionary<Type, Delegate> callbacks,
        IReadOnlyList<EventType> events,
        KeyValuePair<ITelemetryHandler, string[]>[] generics,
        TelemetryDispatchMode mode,
        int queueCapacity)
    {
        if (mode != TelemetryDispatchMode.Background)
        {
            return new HandlerRegistration(handlerId, owner, callbacks, events, generics);
        }

        var worker = new BackgroundWorker(handlerId, queueCapacity);
        var queued = new Dictionary<Type, Delegate>();
        foreach (var eventType in events)
        {
            queued[eventType.Type] = eventType.BackgroundCallback(worker, callbacks[eventType.Type]);
        }

        var queuedGenerics = generics
            .Select(g => new KeyValuePair<ITelemetryHandler, string[]>(new BackgroundGenericHandler(worker, g.Key), g.Value))
            .ToArray();
        var registration = new HandlerRegistration(handlerId, owner, queued, events, queuedGenerics, worker);
        worker.OnFailure = (eventName, exception) => OnHandlerFailed(registration, eventName, exception);
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
            EventNames.Validate(pattern, nameof(patterns));
        }

        var callbacks = new Dictionary<Type, Delegate>();
        var events = new List<EventType>();
        var handlerType = handler.GetType();
        foreach (var candidate in handlerType.GetInterfaces())
        {
            var attribute = candidate.GetCustomAttribute<TelemetryHandlerInterfaceAttribute>();
            if (attribute is null || callbacks.ContainsKey(attribute.EventType))
            {
                continue;
            }

            var eventType = EventRegistry.GetOrRegister(attribute.EventType);
            var interfaceMethod = candidate.GetMethod("Handle") ??
                throw new ArgumentException($"Handler interface {candidate.FullName} has no Handle method.", nameof(handler));

            // Bound to the interface method itself: the call dispatches through the interface, like a direct call would.
            var callbackType = typeof(TelemetryCallback<>).MakeGenericType(attribute.EventType);
            callbacks.Add(attribute.EventType, Delegate.CreateDelegate(callbackType, handler, interfaceMethod));
            events.Add(eventType);
        }

        var generic = handler as ITelemetryHandler;
        if (callbacks.Count == 0 && generic is null)
        {
            throw new ArgumentException(
                $"'{handlerType.FullName}' implements no telemetry handler interface: implement a generated interface such as IPythonCallStopHandler, or ITelemetryHandler for every event.",
                nameof(handler));
        }

        var generics = generic is null
            ? NoGenerics
            : new[] { new KeyValuePair<ITelemetryHandler, string[]>(generic, patterns.Length == 0 ? new[] { "*" } : patterns.ToArray()) };
        var declared = handlerType.GetCustomAttribute<TelemetryHandlerAttribute>();
        Add(Register(handlerId, handler, callbacks, events, generics, declared?.Dispatch ?? TelemetryDispatchMode.Inline, declared?.QueueCapacity ?? TelemetryHandlerBuilder.DefaultQueueCapacity));
    }

    /// <summary>Detaches the handler with this id from every event.</summary>
    /// <returns>Whether a handler with this id was attached.</returns>
    public bool Detach(string handlerId)
    {
        if (handlerId is null)
        {
            throw new ArgumentNullException(nameof(handlerId));
        }

        lock (_writeLock)
        {
            var current = _registrations;
            var index = Array.FindIndex(current, r => r.Id == handlerId);
            if (index < 0)
            {
                return false;
            }

            Publish(current.Where((_, i) => i != index).ToArray());
            current[index].Worker?.Stop();
            return true;
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
            var events = registration.EventsUnder(eventPrefix);
            if (events.Count > 0)
            {
                result.Add(new TelemetryHandlerInfo(
                    registration.Id,
                    events,
                    registration.Handler,
                    registration.Worker is null ? TelemetryDispatchMode.Inline : TelemetryDispatchMode.Background,
                    registration.Worker?.Dropped ?? 0));
            }
        }

        return result;
    }

    /// <summary>
    /// Waits until the queues of the background handler <paramref name="handlerId"/> are empty and its worker idle,
    /// for tests and orderly shutdown. True at once for inline or unknown handlers.
    /// </summary>
    public bool WaitForBackgroundHandler(string handlerId, TimeSpan timeout) =>
        Array.Find(_registrations, r => r.Id == handlerId)?.Worker?.WaitIdle(timeout) ?? true;

    /// <summary>Whether any handler of this hub listens to <typeparamref name="TEvent"/>.</summary>
    public bool IsEnabled<TEvent>()
        where TEvent : struct, ITelemetryEvent => SlotOf<TEvent>() is not null;

    /// <summary>Delivers <paramref name="e"/> to this hub's handlers. Generated emitters do this for <see cref="Default"/>.</summary>
    public void Emit<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent
    {
        SlotOf<TEvent>()?.Dispatch(in e);
    }

    private EventSlot<TEvent>? SlotOf<TEvent>()
        where TEvent : struct, ITelemetryEvent
    {
        // The index first: its first use registers the event type, which may add a slot to this hub.
        var index = TelemetryDispatch<TEvent>.Type.Index;
        var slots = _slots;
        return (uint)index < (uint)slots.Length ? slots[index] as EventSlot<TEvent> : null;
    }

    internal void OnHandlerFailed(HandlerRegistration registration, string eventName, Exception exception)
    {
        bool detached;
        lock (_writeLock)
        {
            var current = _registrations;
            detached = Array.IndexOf(current, registration) >= 0;
            if (detached)
            {
                Publish(current.Where(r => !ReferenceEquals(r, registration)).ToArray());
                registration.Worker?.Stop();
            }
        }

        // A failing failure handler is detached silently: reporting it again could loop.
        if (detached && eventName != TelemetryHandlerFailure.Name)
        {
            var failure = new TelemetryHandlerFailure(registration.Id, eventName, exception);
            Emit(in failure);
        }
    }

    internal void OnEventTypeRegistered(EventType eventType)
    {
        lock (_writeLock)
        {
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

            var grown = new EventSlot?[Math.Max(slots.Length, eventType.Index + 1)];
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
        var slots = new EventSlot?[types.Length];
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
