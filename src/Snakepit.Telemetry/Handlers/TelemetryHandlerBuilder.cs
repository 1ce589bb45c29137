using System;
using System.Collections.Generic;

namespace Snakepit.Telemetry;

/// <summary>
/// Collects the bindings of one handler (typed callbacks and generic handlers with their patterns) to attach them
/// under one id with <see cref="TelemetryHub.Attach(TelemetryHandlerBuilder)"/>. Generated wiring uses it; so can
/// hand-written code.
/// </summary>
public sealed class TelemetryHandlerBuilder
{
    internal readonly Dictionary<Type, Delegate> Callbacks = new();
    internal readonly List<Dispatch.EventType> Events = new();
    internal readonly List<Dispatch.GenericBinding> Generics = new();

    /// <summary>Starts a handler <paramref name="handlerId"/> whose bindings belong to <paramref name="owner"/>.</summary>
    public TelemetryHandlerBuilder(string handlerId, object owner)
    {
        HandlerId = handlerId;
        Owner = owner ?? throw new ArgumentNullException(nameof(owner));
    }

    /// <summary>The default capacity of a background handler's queue: how many events may wait for it.</summary>
    public const int DefaultQueueCapacity = 1024;

    /// <summary>The largest capacity of a background handler's queue (2^20 events); a larger one is unbounded in practice.</summary>
    public const int MaxQueueCapacity = Dispatch.BackgroundWorker.MaxCapacity;

    /// <summary>The handler id.</summary>
    public string HandlerId { get; }

    /// <summary>Where the handler runs.</summary>
    public TelemetryDispatchMode DispatchMode { get; private set; }

    /// <summary>In background mode, how many events may wait for the handler (all event types together, not counting the one being handled).</summary>
    public int QueueCapacity { get; private set; } = DefaultQueueCapacity;

    /// <summary>
    /// Runs the handler inline (default) or on a background worker of its own, behind a queue where at most
    /// <paramref name="queueCapacity"/> events wait (1 to <see cref="MaxQueueCapacity"/>); more are dropped and counted.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="queueCapacity"/> is outside 1 to <see cref="MaxQueueCapacity"/>.</exception>
    public TelemetryHandlerBuilder WithDispatch(TelemetryDispatchMode mode, int queueCapacity = DefaultQueueCapacity)
    {
        Dispatch.BackgroundWorker.ValidateCapacity(queueCapacity, nameof(queueCapacity));

        DispatchMode = mode;
        QueueCapacity = queueCapacity;
        return this;
    }

    /// <summary>The object the bindings belong to, as <see cref="TelemetryHandlerInfo.Handler"/> reports it.</summary>
    public object Owner { get; }

    /// <summary>Whether the handler already has a callback for <typeparamref name="TEvent"/>.</summary>
    public bool Binds<TEvent>()
        where TEvent : struct, ITelemetryEvent => Callbacks.ContainsKey(typeof(TEvent));

    /// <summary>Binds <paramref name="callback"/> to <typeparamref name="TEvent"/>.</summary>
    /// <exception cref="InvalidOperationException">The handler already has a callback for this event.</exception>
    public TelemetryHandlerBuilder On<TEvent>(TelemetryCallback<TEvent> callback)
        where TEvent : struct, ITelemetryEvent
    {
        if (callback is null)
        {
            throw new ArgumentNullException(nameof(callback));
        }

        if (Callbacks.ContainsKey(typeof(TEvent)))
        {
            throw new InvalidOperationException($"Handler '{HandlerId}' binds '{default(TEvent).EventName}' twice; keep one binding per event.");
        }

        Callbacks.Add(typeof(TEvent), callback);
        Events.Add(TelemetryDispatch<TEvent>.Type);
        return this;
    }

    /// <summary>Binds a generic handler to the events matching <paramref name="eventPatterns"/> (every event when empty).</summary>
    public TelemetryHandlerBuilder OnEvents(ITelemetryHandler handler, [EventName] params string[] eventPatterns)
    {
        if (handler is null)
        {
            throw new ArgumentNullException(nameof(handler));
        }

        var patterns = eventPatterns is null || eventPatterns.Length == 0 ? new[] { "*" } : (string[])eventPatterns.Clone();
        foreach (var pattern in patterns)
        {
            var problem = Shared.EventPatterns.Problem(pattern);
            if (problem is not null)
            {
                throw new ArgumentException(problem, nameof(eventPatterns));
            }
        }

        Generics.Add(new Dispatch.GenericBinding(handler, patterns, yieldsToTyped: false));
        return this;
    }
}
