using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Snakepit.Telemetry.Events;

namespace Snakepit.Telemetry.Benchmarks;

/// <summary>
/// The queue behind background dispatch, chosen by measurement: the hub's own path (a count bounded by
/// compare-and-swap, a ticket, a <see cref="System.Collections.Concurrent.ConcurrentQueue{T}"/> per binding and type)
/// against System.Threading.Channels' bounded channel in drop mode with a drop callback, the well-kept alternative.
/// Each has a consumer on another thread that keeps up; the emitting thread's cost is what is measured.
/// </summary>
[MemoryDiagnoser]
public class BackgroundQueueChoiceBenchmarks
{
    private static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(12);
    private readonly TelemetryHub _hub = new();
    private Channel<PythonCallStop> _channel = null!;
    private Task _reader = Task.CompletedTask;
    private long _handled;
    private long _dropped;

    [GlobalSetup]
    public void Setup()
    {
        _hub.Attach(new TelemetryHandlerBuilder("choice-hub", this)
            .WithDispatch(TelemetryDispatchMode.Background, 65536)
            .On<PythonCallStop>((in PythonCallStop e) => _handled++));

        _channel = System.Threading.Channels.Channel.CreateBounded<PythonCallStop>(
            new BoundedChannelOptions(65536) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        var reader = _channel.Reader;
        _reader = Task.Factory.StartNew(
            async () =>
            {
                while (await reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (reader.TryRead(out _))
                    {
                        _handled++;
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _hub.Dispose();
        _channel.Writer.Complete();
        _reader.Wait();
    }

    [Benchmark(Baseline = true, Description = "hub background handler (CAS count + ConcurrentQueue)")]
    public void Hub()
    {
        var e = new PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);
        _hub.Emit(in e);
    }

    [Benchmark(Description = "Channel.CreateBounded, DropWrite, TryWrite")]
    public bool BoundedChannel()
    {
        var e = new PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);
        return _channel.Writer.TryWrite(e);
    }
}
