// Handler methods declared without a body: a semicolon, nothing at all, an extern and a partial declaration.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I14;

[TelemetryHandler("myapp-no-body")]
public sealed partial class NoBody
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e);

    [OnEvent("snakepit.python.call.start")]
    private void OnStart(in PythonCallStart e)

    [OnEvent("snakepit.pool.status")]
    private extern void OnStatus(in PoolStatus e);

    [OnEvent("snakepit.pool.initialized")]
    partial void OnInitialized(in PoolInitialized e);

    public void Attach() => TelemetryHub.Default.Attach<PythonCallStop>("myapp-no-body-2", OnStop);
}
