// QueueCapacity being typed: an operator without its right side, a member access cut short, out of range, a constant.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I37;

[TelemetryHandler("myapp-a", Dispatch = TelemetryDispatchMode.Background, QueueCapacity = 1 << )]
public sealed partial class A
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) { }
}

[TelemetryHandler("myapp-b", QueueCapacity = int.)]
public sealed partial class B
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) { }
}

[TelemetryHandler("myapp-c", QueueCapacity = -, QueueCapacity = int.MaxValue)]
public sealed partial class C
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) { }
}

[TelemetryHandler("myapp-d", QueueCapacity = Limits.Capacity)]
public sealed partial class D
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) { }
}

public static class Limits
{
    public const int Capacity = Capacity + 1;
}
