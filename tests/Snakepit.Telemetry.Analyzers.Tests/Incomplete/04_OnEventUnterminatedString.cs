// The event name still being typed: the string literal is not terminated.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I04;

[TelemetryHandler("myapp-slow-calls")]
public sealed partial class SlowCalls
{
    [OnEvent("snakepit.python.call.st
    private void OnStop(in PythonCallStop e)
    {
        System.Console.WriteLine(e.Duration);
    }

    [OnEvent("snakepit.pool.*)]
    private void OnPool<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent
    {
    }
}
