// Storage being grown in handlers while the bound is not typed yet: an indexer assignment cut short, CreateUnbounded<.
using System.Collections.Generic;
using System.Threading.Channels;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I33;

[TelemetryHandler("myapp-storage")]
public sealed partial class Storage
{
    private readonly Dictionary<string, long> _byWorker = new();
    private readonly List<string> _commands = new();
    private readonly Channel<string> _channel = Channel.CreateUnbounded<
    private readonly Channel<int> _other = Channel.CreateUnbounded<int>(;
    private static readonly HashSet<string> Seen = new(

    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
        _byWorker[e.WorkerId] =
        _commands.Add(
        _channel.Writer.TryWrite(e.
        _other.Writer.TryWrite(1);
        Seen.Add(e.
        _missing.Add(e.Command);
        if (_commands.Count >
    }
}
