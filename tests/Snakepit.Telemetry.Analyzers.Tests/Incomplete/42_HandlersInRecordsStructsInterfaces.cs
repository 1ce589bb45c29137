// Handler attributes on records, structs and interfaces (being turned into a class), with members half typed.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I42;

[TelemetryHandler("myapp-record")]
public sealed partial record RecordHandler(int Threshold)
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) => System.Threading.Thread.Sleep(Threshold);
}

[TelemetryHandler("myapp-struct")]
public partial struct StructHandler
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) => int.Parse(e.Command);
}

[TelemetryHandler("myapp-interface")]
public partial interface IInterfaceHandler
{
    [OnEvent("snakepit.python.call.stop")]
    void OnStop(in PythonCallStop e);

    [OnEvent("snakepit.python.call.start")]
    void OnStart(in PythonCallStart e) => System.Threading.Thread.Sleep(1);
}

[TelemetryHandler("myapp-record-struct")]
public record struct RecordStructHandler
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e
}
