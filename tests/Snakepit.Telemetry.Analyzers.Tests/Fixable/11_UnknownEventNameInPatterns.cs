// SNK006 in runtime parameters marked [EventName]: attach patterns (params), builder patterns, ListHandlers prefixes.
using Snakepit.Telemetry;

namespace Fixable.F11;

public sealed class Everything : ITelemetryHandler
{
    public long Count { get; private set; }

    public void Handle<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent => Count++;

    public static void Main()
    {
        var handler = new Everything();
        TelemetryHub.Default.Attach("myapp-everything", handler, "snakepit.pol.*", "snakepit.python.*");
        TelemetryHub.Default.Attach(new TelemetryHandlerBuilder("myapp-everything-2", handler).OnEvents(handler, "snakepit.gprc.*"));
        System.Console.WriteLine(TelemetryHub.Default.ListHandlers("snakepit.pyhton").Count);
    }
}
