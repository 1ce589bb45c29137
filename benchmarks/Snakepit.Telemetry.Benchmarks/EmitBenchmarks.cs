using System;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Snakepit.Telemetry.Events;

namespace Snakepit.Telemetry.Benchmarks;

/// <summary>
/// One high-frequency event (snakepit.python.call.stop) emitted through the generated emitter, compared with
/// constructing the payload and calling a handler method directly. Targets: no handler costs about a branch;
/// with handlers, 0 bytes allocated and a cost near the direct call.
/// </summary>
[MemoryDiagnoser]
public class EmitBenchmarks
{
    private static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(12);
    private readonly CountingHandler _direct = new();
    private readonly CountingHandler _typed = new();
    private readonly CountingGenericHandler _generic = new();

    [GlobalSetup(Targets = new[] { nameof(Emit_TypedHandler), nameof(Span_TypedHandler) })]
    public void AttachTyped() => TelemetryHub.Default.Attach("bench-typed", _typed);

    /// <summary>Handler timing on (TelemetrySettings.TimeHandlers), with a threshold no call reaches.</summary>
    [GlobalSetup(Target = nameof(Emit_TypedHandler_Timed))]
    public void AttachTypedTimed()
    {
        TelemetryHub.Default.Attach("bench-typed", _typed);
        TelemetryConfiguration.Apply(new TelemetrySettings { TimeHandlers = true, SlowHandlerThreshold = TimeSpan.FromSeconds(1) });
    }

    [GlobalSetup(Target = nameof(Emit_GenericHandler))]
    public void AttachGeneric() => TelemetryHub.Default.Attach("bench-generic", _generic, "snakepit.python.*");

    /// <summary>A test used the testing kit before: a recorder started and disposed leaves nothing attached.</summary>
    [GlobalSetup(Target = nameof(Emit_NoHandler_AfterRecorder))]
    public void RecordAndStop()
    {
        using var recorder = Snakepit.Telemetry.Testing.TelemetryRecorder.Start();
        SnakepitEvents.PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);
        if (recorder.Names.Count != 1)
        {
            throw new InvalidOperationException("The recorder did not record the event.");
        }
    }

    [GlobalCleanup]
    public void DetachAll()
    {
        TelemetryHub.Default.Detach("bench-typed");
        TelemetryHub.Default.Detach("bench-generic");
        TelemetryConfiguration.Apply(new TelemetrySettings());
    }

    [Benchmark(Baseline = true, Description = "direct call to a handler")]
    public void DirectCall()
    {
        var e = new PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);
        _direct.Handle(in e);
    }

    [Benchmark(Description = "emit, no handler attached")]
    public void Emit_NoHandler() =>
        SnakepitEvents.PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);

    [Benchmark(Description = "emit, no handler, after a TelemetryRecorder was disposed")]
    public void Emit_NoHandler_AfterRecorder() =>
        SnakepitEvents.PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);

    [Benchmark(Description = "emit, one typed handler")]
    public void Emit_TypedHandler() =>
        SnakepitEvents.PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);

    [Benchmark(Description = "emit, one typed handler, handler timing on")]
    public void Emit_TypedHandler_Timed() =>
        SnakepitEvents.PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);

    [Benchmark(Description = "emit, one generic handler")]
    public void Emit_GenericHandler() =>
        SnakepitEvents.PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);

    [Benchmark(Description = "span start+stop, typed handler")]
    public void Span_TypedHandler() =>
        SnakepitEvents.StartPythonCall("default", "w-1", "predict", "c-1").Stop(PythonCallStopResult.Success);

    private sealed class CountingHandler : IPythonCallStopHandler
    {
        public long Ticks;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Handle(in PythonCallStop e) => Ticks += e.Duration.Ticks;
    }

    private sealed class CountingGenericHandler : ITelemetryHandler
    {
        public long Count;

        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent => Count += e.MeasurementCount;
    }
}
