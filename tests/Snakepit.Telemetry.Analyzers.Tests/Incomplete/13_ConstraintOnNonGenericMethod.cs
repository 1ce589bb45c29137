// The type parameter list deleted while the constraint and the generic parameter stay.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I13;

[TelemetryHandler("myapp-python")]
public sealed partial class Python
{
    [OnEvent("snakepit.python.*")]
    private void OnPython(in TEvent e) where TEvent : struct, ITelemetryEvent
    {
        System.Console.WriteLine(e.EventName);
    }

    [OnEvent("snakepit.python.call.stop")]
    private void OnStop<PythonCallStop>(in PythonCallStop e) where PythonCallStop : struct
    {
    }
}
