// SNK008 on a handler declared as a partial method (a declaration and an implementation).
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F20;

[TelemetryHandler("myapp-partial-method")]
public sealed partial class PartialMethod
{
    public int Calls { get; private set; }

    [OnEvent("snakepit.pool.status")]
    private partial void OnStatus(PythonCallStop e);

    private partial void OnStatus(PythonCallStop e) => Calls++;
}
