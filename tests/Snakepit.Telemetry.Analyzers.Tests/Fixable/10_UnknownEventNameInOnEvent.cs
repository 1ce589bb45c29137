// SNK006 in [OnEvent]: a typo of a known name; the fix offers the closest names.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F10;

[TelemetryHandler("myapp-typo")]
public sealed partial class Typo
{
    public long Calls { get; private set; }

    [OnEvent("snakepit.python.call.stp")]
    private void OnStop(in PythonCallStop e) => Calls++;

    [OnEvent("snakepit.pool.statsu")]
    private void OnStatus(in PoolStatus e) => Calls--;
}
