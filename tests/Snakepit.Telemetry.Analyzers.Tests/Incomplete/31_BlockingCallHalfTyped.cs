// Blocking calls being typed inside handlers: Thread.Sleep(, .Result., a bounded BlockingCollection half created.
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I31;

[TelemetryHandler("myapp-blocking")]
public sealed partial class Blocking
{
    private readonly BlockingCollection<string> _queue = new BlockingCollection<string>(boundedCapacity: );
    private readonly BlockingCollection<string> _other = new(
    private Task<int>? _pending;

    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
        Thread.Sleep(
        var n = _pending.Result.
        _queue.Add(e.Command
        _other.Add(e.
        Flush().GetAwaiter().GetResult(
        if (_pending.IsCompleted) { _ = _pending.Result; }
        Helper(
    }

    private static Task Flush() => Task.Delay(

    private void Helper(int depth) { if (depth > 0) Helper(depth - 1); Thread.Sleep(depth); }
}
