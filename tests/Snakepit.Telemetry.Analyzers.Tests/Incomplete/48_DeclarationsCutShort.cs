// Declarations cut short at the type level: a class keyword without a name, a namespace without a body, stray braces.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I48
{
    [TelemetryHandler("myapp-cut")]
    public sealed partial class

    [TelemetryHandler("myapp-cut-2")]
    public sealed partial class Cut2 : 
    {
        [OnEvent("snakepit.python.call.stop")]
        private void 
    }

    [OnEvent("snakepit.python.call.stop")]
    private void Stray(in PythonCallStop e) { }

    }
    }

    [TelemetryHandler("myapp-cut-3")]
    public sealed partial class Cut3
    {
        [OnEvent("snakepit.python.call.stop")]
        private void OnStop(in PythonCallStop e) { } }
        [OnEvent("snakepit.python.call.start")]
        private void OnStart(in PythonCallStart e) { }
    }
