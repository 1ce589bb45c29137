// A handler that emits, the emit call being typed (SNK009's paths: Emit<T>, a chain of calls, a recursive helper).
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I30;

[TelemetryHandler("myapp-echo")]
public sealed partial class Echo
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
        TelemetryHub.Default.Emit(
        TelemetryHub.Default.Emit<PythonCallStop>(new PythonCallStop(
        TelemetryHub.Default.Emit<>(e);
        Forward(e);
        Loop(1);
    }

    [OnEvent("snakepit.pool.*")]
    private void OnPool<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent
    {
        TelemetryHub.Default.Emit(e);
        TelemetryHub.Default.Emit(default(TEvent));
        TelemetryHub.Default.Emit(default);
    }

    private void Forward(in PythonCallStop e) => Again(e);

    private void Again(in PythonCallStop e) => Forward(e);

    private void Loop(int n) => Loop(
}
