using System;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Snakepit.Telemetry.Events;

namespace Snakepit.Telemetry.Benchmarks;

/// <summary>
/// What the emitter pays for a background handler (the SNK001 fix): copying the event into the handler's bounded
/// queue, against an inline handler. The worker drains on its own thread; a full queue drops instead of waiting.
/// </summary>
[MemoryDiagnoser]
public class BackgroundDispatchBenchmarks
{
    private static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(12);
    private readonly TelemetryHub _inline = new();
    private readonly TelemetryHub _background = new();
    private long _handled;

    [GlobalSetup]
    public void Attach()
    {
        _inline.Attach(new TelemetryHandlerBuilder("bench-inline", this)
            .On<PythonCallStop>((in PythonCallStop e) => Interlocked.Increment(ref _handled)));
        _background.Attach(new TelemetryHandlerBuilder("bench-background", this)
            .WithDispatch(TelemetryDispatchMode.Background, queueCapacity: 65536)
            .On<PythonCallStop>((in PythonCallStop e) => Interlocked.Increment(ref _handled)));
    }

    [GlobalCleanup]
    public void Detach()
    {
        _inline.Detach("bench-inline");
        _background.Detach("bench-background");
    }

    [Benchmark(Baseline = true, Description = "inline handler")]
    public void Inline()
    {
        var e = new PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);
        _inline.Emit(in e);
    }

    [Benchmark(Description = "background handler (enqueue)")]
    public void Background()
    {
        var e = new PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);
        _background.Emit(in e);
    }
}
