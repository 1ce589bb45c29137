using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Snakepit.Telemetry.Dispatch;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry;

// The hub: attaching handlers: objects, callbacks, builders, wirings and observers.
public sealed partial class TelemetryHub
{
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
        _table.Add(new HandlerRegistration(this, handlerId, callback, callbacks, new EventType[] { eventType }, NoGenerics));
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
        _table.Add(Register(builder.HandlerId, builder.Owner, callbacks, builder.Events.ToArray(), builder.Generics.ToArray(), builder.DispatchMode, builder.QueueCapacity));
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
        worker.OnExit = () => _table.OnWorkerExited(registration);
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
#pragma warning disable CA2208 // Named as the public Attach's parameter that the patterns came from.
                throw new ArgumentException(problem, "eventPatterns");
#pragma warning restore CA2208
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
        _table.Add(Register(handlerId, handler, callbacks, events, generics, declared?.Dispatch ?? TelemetryDispatchMode.Inline, declared?.QueueCapacity ?? TelemetryHandlerBuilder.DefaultQueueCapacity));
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
        _table.Add(registration);
    }
}
