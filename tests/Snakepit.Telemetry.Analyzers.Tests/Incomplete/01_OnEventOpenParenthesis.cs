// [OnEvent( just typed: no name, no closing parenthesis or bracket.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I01;

[TelemetryHandler("myapp-slow-calls")]
public sealed partial class SlowCalls
{
    [OnEvent(
    private void OnStop(in PythonCallStop e)
    {
        System.Console.WriteLine(e.Duration);
    }
}
