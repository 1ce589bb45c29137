// where TEvent : with nothing after the colon.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I10;

[TelemetryHandler("myapp-any")]
public sealed partial class Any
{
    [OnEvent("snakepit.pool.*")]
    private void OnAny<TEvent>(in TEvent e) where TEvent :
    {
        System.Console.WriteLine(e.EventName);
    }

    [OnEvent("snakepit.python.*")]
    private void OnPython<TEvent>(in TEvent e) where
    {
    }
}
