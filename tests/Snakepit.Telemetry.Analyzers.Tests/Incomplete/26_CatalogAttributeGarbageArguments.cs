// Catalog attributes with garbage: null names and types, an EventNames property that does not exist, non-payload types.
using Snakepit.Telemetry;

[assembly: TelemetryCatalog(null, null)]
[assembly: TelemetryCatalog("myapp", EventNames = null)]
[assembly: TelemetryCatalog("myapp", typeof(int), typeof(Missing), null, typeof(System.Collections.Generic.List<>))]
[assembly: TelemetryCatalog("myapp", new System.Type[] { null, typeof(string) })]
[assembly: TelemetryCatalog("")]
[assembly: TelemetryCatalog(".", typeof(Incomplete.I26.NotAnEvent))]
[assembly: TelemetryCatalog(42, "two")]

namespace Incomplete.I26;

public struct NotAnEvent
{
    public const int Name = 3;
}

[TelemetryHandler("myapp-garbage")]
public sealed partial class Garbage
{
    [OnEvent("myapp.request.done")]
    private void OnDone(in NotAnEvent e)
    {
    }

    [OnEvent(".")]
    private void OnDot<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent
    {
    }
}
