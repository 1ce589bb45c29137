// using Snakepit.Telemetry without using Snakepit.Telemetry.Events: attributes resolve, payloads do not.
using Snakepit.Telemetry;

namespace Incomplete.I24;

[TelemetryHandler("myapp-no-events-using")]
public sealed partial class NoEventsUsing : IPythonCallStopHandler
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
        System.Threading.Thread.Sleep(1);
    }

    public void Handle(in PythonCallStop e) => TelemetryHub.Default.Emit(e);

    public static void Main() => TelemetryHub.Default.Attach<PoolStatus>("myapp-no-events-using-2", (in PoolStatus e) => int.Parse(e.PoolName));
}
