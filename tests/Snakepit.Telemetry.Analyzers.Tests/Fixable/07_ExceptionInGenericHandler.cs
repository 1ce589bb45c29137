// SNK002 in a generic prefix handler: the event name in the catch comes from e.EventName.
using System;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F07;

[TelemetryHandler("myapp-strict-pool")]
public sealed partial class StrictPool
{
    [OnEvent("snakepit.pool.*")]
    private void OnPool<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent
    {
        if (e.MeasurementCount == 0)
        {
            throw new InvalidOperationException("no measurement in " + e.EventName);
        }
    }
}
