using System;
using System.Collections.Generic;
using System.Linq;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// One attached handler: its id, its typed callbacks by event type, and its generic handlers with the patterns
/// (<c>snakepit.pool.*</c>, <c>*</c>) each receives.
/// </summary>
internal sealed class HandlerRegistration
{
    private readonly Dictionary<Type, Delegate> _callbacks;

    public HandlerRegistration(
        string id,
        object handler,
        Dictionary<Type, Delegate> callbacks,
        IReadOnlyList<EventType> typedEvents,
        IReadOnlyList<KeyValuePair<ITelemetryHandler, string[]>> generics,
        BackgroundWorker? worker = null)
    {
        Worker = worker;
        Id = id;
        Handler = handler;
        _callbacks = callbacks;
        TypedEvents = typedEvents;
        Generics = generics;
    }

    public string Id { get; }

    /// <summary>The worker of a background handler; null for an inline one.</summary>
    public BackgroundWorker? Worker { get; }

    public object Handler { get; }

    public IReadOnlyList<EventType> TypedEvents { get; }

    public IReadOnlyList<KeyValuePair<ITelemetryHandler, string[]>> Generics { get; }

    public bool TryGetCallback(Type eventType, out Delegate callback) => _callbacks.TryGetValue(eventType, out callback!);

    /// <summary>The names this handler receives that fall under <paramref name="prefix"/>, and the overlapping patterns of its generic handlers.</summary>
    public IReadOnlyList<string> EventsUnder(string prefix)
    {
        var events = TypedEvents.Select(e => e.Name).Where(n => EventNames.IsUnder(n, prefix));
        var patterns = Generics.SelectMany(g => g.Value).Where(p => EventNames.Overlaps(p, prefix));
        return events.Concat(patterns).Distinct().ToArray();
    }
}
