// ListHandlers and attach patterns being typed: an unterminated prefix, a typo, a named argument without a value.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I35;

public static class Inspect
{
    public static void Run(TelemetryHub hub)
    {
        hub.ListHandlers("snakepit.
        hub.ListHandlers("snakepit.pyhton");
        hub.ListHandlers(eventPrefix: );
        hub.ListHandlers(eventPrefix: "snakepit.pool.*");
        hub.ListHandlers("snakepit" + ".pool");
        hub.ListHandlers($"snakepit.{1}");
        hub.ListHandlers("snakepit.pool", "extra");
        hub.ListHandlers(
    }
}
