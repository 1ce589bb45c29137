// A generic handler class, its constraint unfinished, binding events of its type parameter.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I46;

[TelemetryHandler("myapp-generic")]
public sealed partial class Generic<T> where T :
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in T e) { }

    [OnEvent("snakepit.pool.*")]
    private void OnPool<TEvent>(in TEvent e) where TEvent : T { }
}

[TelemetryHandler("myapp-generic-2")]
public sealed partial class Generic2<T> : IPythonCallStopHandler where T : struct, ITelemetryEvent
{
    public void Handle(in PythonCallStop e) => TelemetryHub.Default.Emit(default(T));

    public static void Attach() => TelemetryHub.Default.Attach<T>("myapp-generic-3", (in T e) => TelemetryHub.Default.Emit(e));
}
