// SNK010: a nested handler class whose containing classes are not partial: the fix makes all of them partial.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F16;

public static class Outer
{
    public class Middle
    {
        [TelemetryHandler("myapp-nested")]
        internal sealed class Nested
        {
            [OnEvent("snakepit.python.call.stop")]
            private void OnStop(in PythonCallStop e)
            {
            }
        }
    }
}
