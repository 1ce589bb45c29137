// hub.Attach( and hub.Attach< just typed, and Attach with too few or wrong arguments.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I19;

public static class Startup
{
    public static void Main()
    {
        TelemetryHub.Default.Attach(
        TelemetryHub.Default.Attach<
        TelemetryHub.Default.Attach();
        TelemetryHub.Default.Attach("myapp-only-id");
        TelemetryHub.Default.Attach<PythonCallStop>("myapp-no-callback", );
        TelemetryHub.Default.Attach<PythonCallStop>(, (in PythonCallStop e) => { });
        TelemetryHub.Default.Attach<int>("myapp-int", (in int e) => { });
        TelemetryHub.Default.Attach(handlerId: "myapp-named", handler: null, eventPatterns: "snakepit.pool.*");
        TelemetryHub.Default.
    }
}
