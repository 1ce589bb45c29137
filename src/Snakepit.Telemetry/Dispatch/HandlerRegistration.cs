using System;
using System.Collections.Generic;
using System.Linq;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>One attached handler: its id, its typed callbacks by event type, and for a generic handler its patterns.</summary>
internal sealed class HandlerRegistration
{
    private readonly Dictionary<Type, Delegate> _callbacks;

    public HandlerRegistration(string id, object handler, Dictionary<Type, Delegate> callbacks, IReadOnlyList<EventType> typedEvents, ITelemetryHandler? generic, string[] patterns)
    {
        Id = id;
        Handler = handler;
        _callbacks = callbacks;
        TypedEvents = typedEvents;
        Generic = generic;
        Patterns = patterns;
    }

    public string Id { get; }

    public object Handler { get; }

    public IReadOnlyList<EventType> TypedEvents { get; }

    public ITelemetryHandler? Generic { get; }

    /// <summary>Event names and prefixes (<c>snakepit.pool.*</c>) the generic handler receives; <c>*</c> is every event.</summary>
    public string[] Patterns { get; }

    public bool TryGetCallback(Type eventType, out Delegate callback) => _callbacks.TryGetValue(eventType, out callback!);

    public bool MatchesGeneric(string eventName) => Patterns.Any(p => EventNames.Matches(p, eventName));

    /// <summary>The names this handler receives that fall under <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> EventsUnder(string prefix)
    {
        var events = TypedEvents.Select(e => e.Name).Where(n => EventNames.IsUnder(n, prefix));
        var patterns = Generic is null ? Enumerable.Empty<string>() : Patterns.Where(p => EventNames.Overlaps(p, prefix));
        return events.Concat(patterns).ToArray();
    }
}
