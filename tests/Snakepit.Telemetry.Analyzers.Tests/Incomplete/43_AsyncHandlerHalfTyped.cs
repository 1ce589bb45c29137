// An async handler being written: await with nothing after it, a Task return, async void.
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I43;

[TelemetryHandler("myapp-async")]
public sealed partial class AsyncHandler
{
    [OnEvent("snakepit.python.call.stop")]
    private async Task OnStop(in PythonCallStop e)
    {
        await
    }

    [OnEvent("snakepit.python.call.start")]
    private async void OnStart(PythonCallStart e)
    {
        await Task.Delay(1).ConfigureAwait(
    }

    [OnEvent("snakepit.pool.*")]
    private async Task<int> OnPool<TEvent>(TEvent e) where TEvent : struct, ITelemetryEvent => await
}
