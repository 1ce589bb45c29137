// Two handler classes with one id, one still being typed, and vague ids.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I36;

[TelemetryHandler("myapp-dup")]
public sealed partial class First
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) { }
}

[TelemetryHandler("myapp-dup")]
public sealed partial class Second
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e

[TelemetryHandler("myapp-dup")]
[TelemetryHandler("handler1")]
public sealed partial class Third
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) { }
}

[TelemetryHandler(" ")]
public sealed partial class
