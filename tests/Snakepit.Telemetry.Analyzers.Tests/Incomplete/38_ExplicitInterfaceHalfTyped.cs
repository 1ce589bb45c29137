// Explicit implementations of handler interfaces being typed.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I38;

[TelemetryHandler("myapp-explicit")]
public sealed partial class Explicit : IPythonCallStopHandler, ITelemetryHandler
{
    void IPythonCallStopHandler.Handle(in PythonCallStop e
    {
        System.Threading.Thread.Sleep(1);
    }

    void ITelemetryHandler.Handle<TEvent>(in TEvent e)
    {
        int.Parse(e.EventName);
    }

    void ITelemetryHandler.Handle<TEvent>(in TEvent e) where TEvent :
}
