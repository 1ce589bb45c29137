using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// One attached handler: its id, its hub, its typed callbacks by event type, and its generic handlers with the
/// patterns (<c>snakepit.pool.*</c>, <c>*</c>) each receives. A background handler also has its worker.
/// </summary>
internal sealed class HandlerRegistration
{
    private readonly Dictionary<Type, Delegate> _callbacks;
    private int _failed;

    public HandlerRegistration(
        TelemetryHub hub,
        string id,
        object handler,
        Dictionary<Type, Delegate> callbacks,
        IReadOnlyList<EventType> typedEvents,
        IReadOnlyList<GenericBinding> generics,
        BackgroundWorker? worker = null)
    {
        Hub = hub;
        Worker = worker;
        Id = id;
        Handler = handler;
        _callbacks = callbacks;
        TypedEvents = typedEvents;
        Generics = generics;
    }

    /// <summary>The hub the handler is attached to.</summary>
    public TelemetryHub Hub { get; }

    /// <summary>What emitters write on every call: events received, and whether a call is running (see <see cref="HandlerCounters"/>).</summary>
    public HandlerCounters Counters { get; } = new();

    /// <summary>When the last slow call was reported (Stopwatch ticks), for the rate limit.</summary>
    public long LastSlowReport;

    /// <summary>Failures: an exception that escaped (the handler was then detached) and errors it reported itself.</summary>
    public long Failures;

    /// <summary>
    /// An observer (a testing recorder): it receives events like any inline handler, but <c>ListHandlers</c> does not
    /// list it and <c>DetachAll</c> leaves it attached, so a test that cleans up its handlers cannot cut off another's.
    /// </summary>
    public bool IsObserver { get; set; }

    public string Id { get; }

    /// <summary>The worker of a background handler; null for an inline one.</summary>
    public BackgroundWorker? Worker { get; }

    /// <summary>Set (under the hub's write lock) when the worker's thread has left its loop: the hub no longer keeps this registration.</summary>
    public bool WorkerExited;

    public object Handler { get; }

    public IReadOnlyList<EventType> TypedEvents { get; }

    /// <summary>The generic bindings, each with its patterns; a binding is identified by its index here.</summary>
    public IReadOnlyList<GenericBinding> Generics { get; }

    /// <summary>
    /// Set when the handler is detached or fails: emitters still holding an older slot skip it, so a handler is not
    /// called after its detach is published or after its first failure (calls already running finish).
    /// </summary>
    public bool IsDetached => Counters.Detached;

    public void MarkDetached() => Counters.Detached = true;

    /// <summary>True for the first failure only: a handler is reported once, however many calls were running when it failed.</summary>
    public bool TryMarkFailed() => Interlocked.Exchange(ref _failed, 1) == 0;

    public bool TryGetCallback(Type eventType, out Delegate callback) => _callbacks.TryGetValue(eventType, out callback!);

    /// <summary>
    /// Whether <paramref name="handler"/> is this registration's handler: the object attached, the owner of its
    /// bindings, one of its generic handlers, or the target of one of its callbacks (a lambda that uses <c>this</c>).
    /// </summary>
    public bool BelongsTo(object handler)
    {
        if (ReferenceEquals(Handler, handler))
        {
            return true;
        }

        foreach (var callback in _callbacks.Values)
        {
            if (ReferenceEquals(callback.Target, handler))
            {
                return true;
            }
        }

        foreach (var generic in Generics)
        {
            if (ReferenceEquals(generic.Handler, handler))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether this registration receives the event <paramref name="eventName"/>.</summary>
    public bool Receives(string eventName)
    {
        foreach (var type in TypedEvents)
        {
            if (type.Name == eventName)
            {
                return true;
            }
        }

        foreach (var generic in Generics)
        {
            if (generic.Patterns.Any(pattern => EventPatterns.Matches(pattern, eventName)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The names this handler receives that fall under <paramref name="prefix"/>, and the overlapping patterns of its generic handlers.</summary>
    public IReadOnlyList<string> EventsUnder(string prefix)
    {
        var events = TypedEvents.Select(e => e.Name).Where(n => EventPatterns.IsUnder(n, prefix));
        var patterns = Generics.SelectMany(g => g.Patterns).Where(p => EventPatterns.Overlaps(p, prefix));
        return events.Concat(patterns).Distinct().ToArray();
    }
}
