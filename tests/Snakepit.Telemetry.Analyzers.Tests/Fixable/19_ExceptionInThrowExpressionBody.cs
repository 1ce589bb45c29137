// SNK002 in handlers whose expression body is a throw expression.
using System;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F19;

[TelemetryHandler("myapp-not-yet")]
public sealed partial class NotYet
{
    [OnEvent("snakepit.pool.status")]
    private void OnStatus(in PoolStatus e) => throw new NotImplementedException(e.PoolName);

    public static void Main() =>
        TelemetryHub.Default.Attach<PythonCallStop>("myapp-not-yet-lambda", (in PythonCallStop e) => throw new NotImplementedException(e.Command));
}
