// where TEvent : struct, ITelemetryEvent, with a trailing comma, and a second clause begun.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I11;

[TelemetryHandler("myapp-any")]
public sealed partial class Any
{
    [OnEvent("snakepit.pool.*")]
    private void OnAny<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent,
    {
        System.Console.WriteLine(e.EventName);
    }

    [OnEvent("snakepit.grpc.*")]
    private void OnGrpc<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent where
    {
        int.Parse(e.EventName);
    }

    [OnEvent("*")]
    private void OnAll<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent, new(
    {
    }
}
