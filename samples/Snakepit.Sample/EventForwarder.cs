using System.Collections.Generic;
using System.Linq;
using Snakepit.Telemetry;

namespace Sample;

/// <summary>
/// A forwarder for the application's own events: one generic method receives every <c>myapp.*</c> event without
/// knowing their types, and counts them per name (where a real one would export them).
/// </summary>
[TelemetryHandler("myapp-forwarder")]
public sealed partial class EventForwarder
{
    private readonly SortedDictionary<string, int> _byName = new();

    public int Count { get; private set; }

    [OnEvent("myapp.*")]
    private void OnAppEvent<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent
    {
        Count++;
        _byName[e.EventName] = _byName.TryGetValue(e.EventName, out var n) ? n + 1 : 1;
    }

    public string Summary() => string.Join(", ", _byName.Select(p => $"{p.Key}: {p.Value}"));
}
