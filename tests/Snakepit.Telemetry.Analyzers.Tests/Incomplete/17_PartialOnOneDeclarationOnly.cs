// Two declarations of one handler class, only one of them partial, and a nested handler in a class that is not.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I17;

[TelemetryHandler("myapp-split")]
public sealed partial class Split
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) { }
}

public sealed class Split
{
    [OnEvent("snakepit.python.call.start")]
    private void OnStart(in PythonCallStart e) { }
}

public static class Outer
{
    [TelemetryHandler("myapp-nested")]
    public sealed class Nested
    {
        [OnEvent("snakepit.python.call.stop")]
        private void OnStop(in PythonCallStop e) { }
    }

    public class Middle
    {
        [TelemetryHandler("myapp-deep")]
        public sealed partial class Deep
        {
            [OnEvent("snakepit.python.call.stop")]
            private void OnStop(in PythonCallStop e
        }
    }
}
