// [OnEvent] and [TelemetryHandler] on members they do not apply to: properties, fields, local functions, lambdas.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I45;

[TelemetryHandler("myapp-wrong-targets")]
public sealed partial class WrongTargets
{
    [OnEvent("snakepit.python.call.stop")]
    public int Property { get; set; }

    [OnEvent("snakepit.python.call.stop")]
    private int _field;

    [OnEvent("snakepit.python.call.stop")]
    public WrongTargets() { }

    [OnEvent("snakepit.python.call.stop")]
    public static implicit operator int(WrongTargets w) => 0;

    [TelemetryHandler("myapp-on-a-method")]
    public void Run()
    {
        [OnEvent("snakepit.python.call.stop")]
        void Local(in PythonCallStop e) => System.Threading.Thread.Sleep(1);

        TelemetryHub.Default.Attach<PythonCallStop>("myapp-lambda", [OnEvent("snakepit.python.call.stop")] (in PythonCallStop e) => int.Parse(e.Command));
        TelemetryHub.Default.Attach<PythonCallStop>("myapp-local", Local);
    }

    public int this[int i]
    {
        [OnEvent("snakepit.python.call.stop")]
        get => i;
    }
}
