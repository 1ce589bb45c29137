// SNK001 through a chain of calls from a generated handler interface's Handle: OnStop -> Flush -> File.AppendAllText.
using System.IO;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F03;

[TelemetryHandler("myapp-audit-writer")]
internal sealed partial class AuditWriter : IPythonCallStopHandler
{
    public void Handle(in PythonCallStop e) => Flush(e.Command);

    private static void Flush(string line) => Write(line);

    private static void Write(string line) => File.AppendAllText("audit.log", line);
}
