// Empty and half-typed type argument lists: OnAny<>, Attach<>, On<, Emit<>.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I12;

[TelemetryHandler("myapp-any")]
public sealed partial class Any
{
    [OnEvent("snakepit.pool.*")]
    private void OnAny<>(in TEvent e) where TEvent : struct, ITelemetryEvent
    {
    }

    [OnEvent("snakepit.pool.*")]
    private void OnPool<TEvent, >(in TEvent e) where TEvent : struct, ITelemetryEvent
    {
        TelemetryHub.Default.Emit<>(e);
    }

    public static void Main()
    {
        TelemetryHub.Default.Attach<>("myapp-x", (in PoolStatus e) => { });
        TelemetryHub.Default.Attach<PoolStatus, >("myapp-y", (in PoolStatus e) => { });
        new TelemetryHandlerBuilder("myapp-z", new object()).On<(static (in PoolStatus e) => { });
    }
}
