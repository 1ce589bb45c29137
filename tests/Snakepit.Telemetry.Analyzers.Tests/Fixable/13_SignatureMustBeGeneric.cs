// SNK008: a prefix handler that is not generic, and one whose constraint is wrong.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F13;

[TelemetryHandler("myapp-pool-watch")]
public sealed partial class PoolWatch
{
    public int Seen { get; private set; }

    [OnEvent("snakepit.pool.*")]
    private void OnPool(PoolStatus e) => Seen++;

    [OnEvent("snakepit.python.*")]
    private void OnPython<TEvent>(in TEvent e)
        where TEvent : struct
    {
        Seen++;
    }

    [OnEvent("snakepit.python.call.stop")]
    private void OnStop<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent
    {
        Seen++;
    }
}
