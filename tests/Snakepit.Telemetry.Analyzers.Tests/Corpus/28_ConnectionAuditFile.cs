using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C28;

/// <summary>Appends an audit line to a file: blocking I/O, so the handler runs in the background.</summary>
[TelemetryHandler("myapp-connection-audit", Dispatch = TelemetryDispatchMode.Background, QueueCapacity = 4096)]
public sealed partial class ConnectionAuditFile : IGrpcConnectionLostHandler
{
    private readonly string _path;

    public ConnectionAuditFile(string path) => _path = path;

    public void Handle(in GrpcConnectionLost e)
    {
        try
        {
            System.IO.File.AppendAllText(_path, $"{e.WorkerId} lost after {e.Uptime}: {e.Reason}" + Environment.NewLine);
        }
        catch (System.IO.IOException ex)
        {
            TelemetryHub.Default.ReportHandlerError(this, GrpcConnectionLost.Name, ex);
        }
    }
}
