// The handler id string is not terminated; a second class has no id at all.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I06;

[TelemetryHandler("myapp-
public sealed partial class SlowCalls
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
    }
}

[TelemetryHandler]
public sealed partial class NoId
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
    }
}

[TelemetryHandler(null)]
public sealed partial class NullId
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
    }
}
