// A lambda passed to hub.Attach, cut in the middle: after the arrow, inside the block, before the closing parenthesis.
using System.Threading;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I18;

public static class Startup
{
    public static void Main()
    {
        var hub = TelemetryHub.Default;
        hub.Attach<PythonCallStop>("myapp-a", (in PythonCallStop e) =>
        hub.Attach<PythonCallStop>("myapp-b", (in PythonCallStop e) => { Thread.Sleep(
        hub.Attach<PythonCallStop>("myapp-c", (in PythonCallStop e) => { var n = int.Parse(e.Command); }
        hub.Attach<PythonCallStop>("myapp-d", (in PythonCallStop e
    }
}
