using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C25;

/// <summary>Appends an audit line to a file: blocking I/O, so the handler runs in the background.</summary>
[TelemetryHandler("myapp-call-audit", Dispatch = TelemetryDispatchMode.Background, QueueCapacity = 4096)]
public sealed partial class CallAuditFile : IPythonCallStopHandler
{
    private readonly string _path;

    public CallAuditFile(string path) => _path = path;

    public void Handle(in PythonCallStop e)
    {
        try
        {
            System.IO.File.AppendAllText(_path, $"{e.CorrelationId} {e.Command} {e.Duration.TotalMilliseconds}" + Environment.NewLine);
        }
        catch (System.IO.IOException ex)
        {
            TelemetryHub.Default.ReportHandlerError(this, PythonCallStop.Name, ex);
        }
    }
}
