// SNK002 in a block-bodied [OnEvent] method: the fix wraps the body in try/catch and reports the error.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F04;

[TelemetryHandler("myapp-port-parser")]
public sealed partial class PortParser
{
    public int LastPort { get; private set; }

    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
        // The worker id ends with the port.
        LastPort = int.Parse(e.WorkerId);
    }
}
