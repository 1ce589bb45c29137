// Attribute arguments of the wrong shape while being edited: arrays where strings go, strings where types go.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

[assembly: TelemetryCatalog(new[] { "myapp" }, new[] { "myapp.request.done" })]
[assembly: TelemetryCatalog("myapp", new[] { typeof(PythonCallStop) }, typeof(PoolStatus))]
[assembly: TelemetryCatalog("myapp", new object[] { typeof(PythonCallStop) })]

namespace Incomplete.I51;

[TelemetryHandler(new[] { "myapp-array" }, QueueCapacity = new[] { 1 }, Dispatch = new[] { TelemetryDispatchMode.Background })]
public sealed partial class Arrays
{
    [OnEvent(new[] { "snakepit.python.call.stop" })]
    private void A(in PythonCallStop e) => System.Threading.Thread.Sleep(1);

    [OnEvent(new string[0])]
    private void B(in PythonCallStop e) { }

    [OnEvent(typeof(PythonCallStop))]
    private void C(in PythonCallStop e) { }

    [OnEvent(default)]
    private void D(in PythonCallStop e) { }

    [OnEvent(default(string))]
    private void E(in PythonCallStop e) { }
}

[TelemetryHandlerInterface(new[] { typeof(PythonCallStop) })]
public interface IArrayHandler
{
    void Handle(in PythonCallStop e);
}

[TelemetryHandlerInterface("PythonCallStop")]
public interface IStringHandler
{
    void Handle(in PythonCallStop e);
}

[TelemetryHandler("myapp-arrays-2")]
public sealed partial class ViaArrays : IArrayHandler, IStringHandler
{
    public void Handle(in PythonCallStop e)
    {
        Emitters.Emit(e);
        Emitters.EmitAgain(e);
    }
}

public static class Emitters
{
    [TelemetryEmitter(new[] { typeof(PythonCallStop) })]
    public static void Emit(in PythonCallStop e) { }

    [TelemetryEmitter(null)]
    public static void EmitAgain(in PythonCallStop e) { }
}

public sealed class Payloads
{
    [HighCardinality(new[] { 1 })]
    public string Id => "";
}
