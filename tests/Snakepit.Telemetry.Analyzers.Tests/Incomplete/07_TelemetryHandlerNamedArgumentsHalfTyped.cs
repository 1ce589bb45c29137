// Named arguments of [TelemetryHandler] half typed: no value, a member access cut short, a wrong type.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I07;

[TelemetryHandler("myapp-a", Dispatch = )]
public sealed partial class A
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) => System.Threading.Thread.Sleep(1);
}

[TelemetryHandler("myapp-b", Dispatch = TelemetryDispatchMode.)]
public sealed partial class B
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) => System.Threading.Thread.Sleep(1);
}

[TelemetryHandler("myapp-c", QueueCapacity = "lots", Dispatch = 1)]
public sealed partial class C
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) => System.Threading.Thread.Sleep(1);
}

[TelemetryHandler("myapp-d", Dispach = TelemetryDispatchMode.Background, QueueCapacity = 0)]
public sealed partial class D
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) => System.Threading.Thread.Sleep(1);
}
