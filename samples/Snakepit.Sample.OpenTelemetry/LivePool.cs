using System;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;

namespace Snakepit.Sample.OpenTelemetry;

/// <summary>
/// A stand-in for a running Snakepit pool: Python calls (spans, some failing), periodic pool status and memory
/// samples, workers spawned, terminated and restarted. Everything goes through the generated emitters, which record
/// the catalog's metrics and spans; the sample itself never touches a Meter or an ActivitySource.
/// </summary>
public sealed class LivePool
{
    private static readonly string[] Commands = { "dspy.predict", "dspy.forward", "dspy.train" };
    private readonly Random _random = new(7);
    private readonly string _name;
    private readonly int _size;
    private long _requests;

    public LivePool(string name, int size)
    {
        _name = name;
        _size = size;
    }

    public long Requests => Interlocked.Read(ref _requests);

    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        SnakepitEvents.PoolInitialized(TimeSpan.FromMilliseconds(850), DateTimeOffset.UtcNow, _name, _size, "Snakepit.Adapters.GRPCPython", "grpc_server.py");
        for (var worker = 0; worker < _size; worker++)
        {
            SnakepitEvents.PoolWorkerSpawned(TimeSpan.FromMilliseconds(120), DateTimeOffset.UtcNow, _name, WorkerId(worker), $"{4000 + worker}", WorkerMode.Process);
        }

        var tick = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            await CallAsync(tick).ConfigureAwait(false);
            if (tick % 10 == 0)
            {
                Status(tick);
            }

            if (tick % 40 == 39)
            {
                Restart(tick);
            }

            tick++;
            try
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task CallAsync(long tick)
    {
        var worker = WorkerId((int)(tick % _size));
        var command = Commands[tick % Commands.Length];
        var call = SnakepitEvents.StartPythonCall(_name, worker, command, $"req-{tick}", requestSize: 256 + (tick % 512));
        await Task.Delay(_random.Next(1, 15)).ConfigureAwait(false);
        if (tick % 17 == 16)
        {
            try
            {
                throw new TimeoutException($"{command} timed out on {worker}");
            }
            catch (TimeoutException ex)
            {
                call.Exception(ex, "TimeoutError", ErrorCategory.Timeout);
            }
        }
        else
        {
            call.Stop(PythonCallStopResult.Success, responseSize: 1024);
        }

        Interlocked.Increment(ref _requests);
    }

    private void Status(long tick)
    {
        var queue = (long)(20 + 20 * Math.Sin(tick / 30.0)) + _random.Next(0, 3);
        var busy = Math.Min(_size, 1 + (int)(queue / 8));
        SnakepitEvents.PoolStatus(_size - busy, busy, queue, _size, _name);
        for (var worker = 0; worker < _size; worker++)
        {
            var rss = (200 + (10 * worker) + (tick % 50)) * 1024L * 1024L;
            SnakepitEvents.PythonMemorySampled(rss, rss * 3, DateTimeOffset.UtcNow, _name, WorkerId(worker), 4000 + worker);
        }
    }

    private void Restart(long tick)
    {
        var worker = WorkerId(_size - 1);
        SnakepitEvents.PoolWorkerTerminated(TimeSpan.FromMinutes(3), tick, _name, worker, $"{5000 + tick}", "segfault in native extension", planned: false);
        SnakepitEvents.PoolWorkerRestarted(TimeSpan.FromMilliseconds(300), tick / 40 + 1, _name, worker, $"{5000 + tick}", $"{5001 + tick}", "segfault in native extension");
        SnakepitEvents.PoolWorkerSpawned(TimeSpan.FromMilliseconds(150), DateTimeOffset.UtcNow, _name, worker, $"{5001 + tick}", WorkerMode.Process);
    }

    private string WorkerId(int index) => $"{_name}_worker_{index}";
}
