using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C26;

/// <summary>Appends an audit line to a file: blocking I/O, so the handler runs in the background.</summary>
[TelemetryHandler("myapp-restart-audit", Dispatch = TelemetryDispatchMode.Background, QueueCapacity = 4096)]
public sealed partial class RestartAuditFile : IPoolWorkerRestartedHandler
{
    private readonly string _path;

    public RestartAuditFile(string path) => _path = path;

    public void Handle(in PoolWorkerRestarted e)
    {
        try
        {
            System.IO.File.AppendAllText(_path, $"{e.WorkerId} {e.RestartCount} {e.Reason}" + Environment.NewLine);
        }
        catch (System.IO.IOException ex)
        {
            TelemetryHub.Default.ReportHandlerError(this, PoolWorkerRestarted.Name, ex);
        }
    }
}
