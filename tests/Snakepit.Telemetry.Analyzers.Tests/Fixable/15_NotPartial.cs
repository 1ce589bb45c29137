// SNK010: a handler class that is not partial, with no modifier at all and with several.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F15;

[TelemetryHandler("myapp-plain")]
class Plain
{
    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
    }
}

/// <summary>Documented, sealed and public.</summary>
[TelemetryHandler("myapp-sealed")]
public sealed class Sealed : IPoolStatusHandler
{
    public void Handle(in PoolStatus e)
    {
    }
}
