// A handler class without partial, its method half written.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I16;

[TelemetryHandler("myapp-not-partial")]
public sealed class NotPartial
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
        if (e.Duration >
    }
}

[TelemetryHandler("myapp-not-partial-either")]
class
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) { }
}
