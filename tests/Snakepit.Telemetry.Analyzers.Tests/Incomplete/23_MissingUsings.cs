// No using directives: the attributes, the hub and the payloads do not resolve.
namespace Incomplete.I23;

[TelemetryHandler("myapp-no-usings")]
public sealed class NoUsings
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
        Thread.Sleep(1);
        TelemetryHub.Default.Emit(e);
    }

    [OnEvent("snakepit.pool.*")]
    private void OnPool<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent
    {
    }

    public static void Main() => TelemetryHub.Default.Attach<PythonCallStop>("myapp-no-usings-2", (in PythonCallStop e) => int.Parse(e.Command));
}
