// Event patterns passed as params being typed: an unterminated string, a trailing comma, a non-constant.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I22;

public sealed class Everything : ITelemetryHandler
{
    public void Handle<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent => int.Parse(e.EventName);

    public static void Main(string pattern)
    {
        var handler = new Everything();
        new TelemetryHandlerBuilder("myapp-a", handler).OnEvents(handler, "snakepit.pool.
        TelemetryHub.Default.Attach("myapp-b", handler, "snakepit.pool.*", );
        TelemetryHub.Default.Attach("myapp-c", handler, pattern, "snakepit.pyth.*", null, "");
        TelemetryHub.Default.Attach("myapp-d", handler, new[] { "snakepit.pool.*", "snakepit.nope.*" });
        TelemetryHub.Default.Attach("myapp-e", handler, new string[] { "snakepit.gprc.*", });
    }
}
