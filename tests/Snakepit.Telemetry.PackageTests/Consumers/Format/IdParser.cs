using System;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Consumer.Format;

[TelemetryHandler("consumer-id-parser")]
public sealed partial class IdParser
{
    public long LastWorker { get; private set; }

    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
        LastWorker = long.Parse(e.WorkerId);
    }
}
