// Preprocessor directives left open while editing: #if without #endif, #region without #endregion, a disabled handler.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I44;

#region Handlers
[TelemetryHandler("myapp-directives")]
public sealed partial class Directives
{
#if DEBUG
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) => System.Threading.Thread.Sleep(1);
#else
    [OnEvent("snakepit.python.call.stp")]
    private void OnStop(in PythonCallStop e) => int.Parse(e.Command);
#endif

#if false
    [OnEvent("snakepit.python.call.start")]
    private void OnStart(in PythonCallStart e) { }
#elif
    [OnEvent("snakepit.pool.status")]
    private void OnStatus(in PoolStatus e) { }

#pragma warning disable SNK001
    [OnEvent("snakepit.pool.initialized")]
    private void OnInitialized(in PoolInitialized e) => System.Threading.Thread.Sleep(1);
#pragma warning restore
}
