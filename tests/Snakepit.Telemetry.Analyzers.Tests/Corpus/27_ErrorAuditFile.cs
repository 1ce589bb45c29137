using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C27;

/// <summary>Appends an audit line to a file: blocking I/O, so the handler runs in the background.</summary>
[TelemetryHandler("myapp-error-audit", Dispatch = TelemetryDispatchMode.Background, QueueCapacity = 4096)]
public sealed partial class ErrorAuditFile : IPythonErrorOccurredHandler
{
    private readonly string _path;

    public ErrorAuditFile(string path) => _path = path;

    public void Handle(in PythonErrorOccurred e)
    {
        try
        {
            System.IO.File.AppendAllText(_path, $"{e.WorkerId} {e.ErrorType}: {e.ErrorMessage}" + Environment.NewLine);
        }
        catch (System.IO.IOException ex)
        {
            TelemetryHub.Default.ReportHandlerError(this, PythonErrorOccurred.Name, ex);
        }
    }
}
