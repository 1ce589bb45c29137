using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Snakepit.Telemetry.Events;

namespace Snakepit.Telemetry.Benchmarks;

/// <summary>
/// The hot path beside the .NET anchors, in one run (docs/performance.md): an event shaped like
/// <c>snakepit.python.call.stop</c>, emitted every way Snakepit offers, next to a direct interface call,
/// DiagnosticListener, a listened Histogram, Stopwatch and ActivitySource. Every row's ratio is to the direct call.
/// Categories filter groups: <c>--anycategories dispatch</c>, <c>span</c>, <c>metrics</c>, <c>config</c>.
/// Each benchmark runs in a process of its own, so each setup attaches only what its row needs.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
public class PerformanceBenchmarks
{
    private const string EventName = "snakepit.python.call.stop";
    private static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(12);
    private static readonly object Success = "success";

    private readonly IPythonCallStopHandler _direct = new CountingHandler();
    private readonly CountingHandler[] _typed = { new(), new(), new(), new() };
    private readonly ReadingGenericHandler _generic = new();
    private readonly CountingTypedHandler _countingTyped = new();
    private readonly CountingGenericHandler _countingGeneric = new();
    private readonly ReadingTypedHandler _readingTyped = new();
    private readonly DiagnosticListener _silent = new("bench.silent");
    private readonly DiagnosticListener _observed = new("bench.observed");
    private readonly ActivitySource _source = new("bench.unlistened");
    private readonly Meter _meter = new("bench.hand");
    private Histogram<double> _histogram = null!;
    private Counter<long> _counter = null!;
    private MeterListener? _meterListener;
    private IDisposable? _subscription;
    private double _sum;

    // ---- setups: one per row that needs one -------------------------------------------------------------------

    [GlobalSetup(Targets = new[] { nameof(Emit_TypedHandler), nameof(Span_TypedHandler) })]
    public void AttachTyped() => TelemetryHub.Default.Attach("perf-typed-0", _typed[0]);

    [GlobalSetup(Target = nameof(Emit_FourTypedHandlers))]
    public void AttachFourTyped()
    {
        for (var i = 0; i < _typed.Length; i++)
        {
            TelemetryHub.Default.Attach("perf-typed-" + i, _typed[i]);
        }
    }

    [GlobalSetup(Target = nameof(Emit_GenericHandler))]
    public void AttachGeneric() => TelemetryHub.Default.Attach("perf-generic", _generic, "snakepit.python.*");

    [GlobalSetup(Targets = new[] { nameof(Floor_OutOfLineBody), nameof(Floor_OutOfLineBody_Isolated) })]
    public void SetFloorHandler() => s_floorHandler = _countingTyped.Handle;

    [GlobalSetup(Target = nameof(Emit_TypedHandler_Counting))]
    public void AttachCountingTyped() => TelemetryHub.Default.Attach("perf-counting-typed", _countingTyped);

    [GlobalSetup(Target = nameof(Emit_GenericHandler_Counting))]
    public void AttachCountingGeneric() => TelemetryHub.Default.Attach("perf-counting-generic", _countingGeneric, "snakepit.python.*");

    [GlobalSetup(Target = nameof(Emit_TypedHandler_ReadingFields))]
    public void AttachReadingTyped() => TelemetryHub.Default.Attach("perf-reading-typed", _readingTyped);

    [GlobalSetup(Target = nameof(DiagnosticListener_Write_NoOpSubscriber))]
    public void Subscribe() => _subscription = _observed.Subscribe(new NoOpObserver());

    [GlobalSetup(Targets = new[] { nameof(Histogram_Record_ThreeTags_Listened), nameof(Metrics_HandWritten), nameof(Metrics_Emitter) })]
    public void ListenToMeters()
    {
        _histogram = _meter.CreateHistogram<double>("snakepit.python.call.stop.duration", "ms");
        _counter = _meter.CreateCounter<long>("snakepit.python.call.stop.count");
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name is "bench.hand" || instrument.Meter.Name == SnakepitEvents.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<double>((_, value, _, _) => _sum += value);
        _meterListener.SetMeasurementEventCallback<long>((_, value, _, _) => _sum += value);
        _meterListener.Start();
    }

    /// <summary>A handler is attached, but the configuration excludes the event.</summary>
    [GlobalSetup(Target = nameof(Emit_Excluded))]
    public void Exclude()
    {
        AttachTyped();
        var settings = new TelemetrySettings();
        settings.Exclude.Add("snakepit.python.*");
        TelemetryConfiguration.Apply(settings);
    }

    /// <summary>A handler is attached, the event is sampled at 1 %: 99 emits of 100 are sampled out.</summary>
    [GlobalSetup(Target = nameof(Emit_SampledOut))]
    public void Sample()
    {
        AttachTyped();
        var settings = new TelemetrySettings();
        settings.Sampling[EventName] = 0.01;
        TelemetryConfiguration.Apply(settings);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        TelemetryHub.Default.DetachAll();
        TelemetryConfiguration.Apply(new TelemetrySettings());
        _subscription?.Dispose();
        _meterListener?.Dispose();
    }

    // ---- dispatch ---------------------------------------------------------------------------------------------

    [Benchmark(Baseline = true, Description = "direct interface call (build payload, call Handle)")]
    [BenchmarkCategory("dispatch", "span", "metrics", "config")]
    public void DirectCall()
    {
        var e = new PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);
        _direct.Handle(in e);
    }

    [ThreadStatic]
    private static int t_depth;

    /// <summary>What the recursion guard pays per dispatch: one [ThreadStatic] read and write.</summary>
    [Benchmark(Description = "a [ThreadStatic] int read and written (the recursion guard's floor)")]
    [BenchmarkCategory("dispatch")]
    public int ThreadStatic_ReadWrite()
    {
        var depth = t_depth;
        t_depth = depth + 1;
        t_depth = depth;
        return depth;
    }

    [Benchmark(Description = "DiagnosticListener.IsEnabled, no subscriber")]
    [BenchmarkCategory("dispatch")]
    public bool DiagnosticListener_IsEnabled_NoSubscriber() => _silent.IsEnabled(EventName);

    [Benchmark(Description = "Snakepit emit, no handler")]
    [BenchmarkCategory("dispatch", "config")]
    public void Emit_NoHandler() => Emit();

    [Benchmark(Description = "Snakepit emit, one typed handler")]
    [BenchmarkCategory("dispatch")]
    public void Emit_TypedHandler() => Emit();

    [Benchmark(Description = "Snakepit emit, four typed handlers")]
    [BenchmarkCategory("dispatch")]
    public void Emit_FourTypedHandlers() => Emit();

    /// <summary>
    /// The floor of the emitter's shape, by hand: an inlined check of a word, and an out-of-line body that builds the
    /// payload and calls the handler through a delegate, with none of Snakepit's promises (no isolation, no counts, no
    /// recursion guard, no metrics). What the typed handler row costs above it is what those promises cost.
    /// </summary>
    [Benchmark(Description = "floor: inlined check, out-of-line body builds the payload and calls the handler")]
    [BenchmarkCategory("dispatch")]
    public void Floor_OutOfLineBody() => FloorEmit(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success, isolated: false);

    [Benchmark(Description = "floor, and the handler's call isolated in a try/catch")]
    [BenchmarkCategory("dispatch")]
    public void Floor_OutOfLineBody_Isolated() => FloorEmit(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success, isolated: true);

    [Benchmark(Description = "Snakepit emit, one typed handler counting events")]
    [BenchmarkCategory("dispatch")]
    public void Emit_TypedHandler_Counting() => Emit();

    [Benchmark(Description = "Snakepit emit, one generic handler counting events (the same body)")]
    [BenchmarkCategory("dispatch")]
    public void Emit_GenericHandler_Counting() => Emit();

    [Benchmark(Description = "Snakepit emit, one typed handler reading every field")]
    [BenchmarkCategory("dispatch")]
    public void Emit_TypedHandler_ReadingFields() => Emit();

    [Benchmark(Description = "Snakepit emit, one generic handler reading every field")]
    [BenchmarkCategory("dispatch")]
    public void Emit_GenericHandler() => Emit();

    [Benchmark(Description = "DiagnosticListener.Write, no-op subscriber")]
    [BenchmarkCategory("dispatch")]
    public void DiagnosticListener_Write_NoOpSubscriber()
    {
        if (_observed.IsEnabled(EventName))
        {
            _observed.Write(EventName, new { Duration, PoolName = "default", WorkerId = "w-1", Command = "predict", CorrelationId = "c-1", Result = Success });
        }
    }

    // ---- configuration ----------------------------------------------------------------------------------------

    [Benchmark(Description = "Snakepit emit, handler attached, event excluded")]
    [BenchmarkCategory("config")]
    public void Emit_Excluded() => Emit();

    [Benchmark(Description = "Snakepit emit, handler attached, sampled at 1 %")]
    [BenchmarkCategory("config")]
    public void Emit_SampledOut() => Emit();

    // ---- metrics ----------------------------------------------------------------------------------------------

    [Benchmark(Description = "Histogram.Record with a 3-tag TagList, listened")]
    [BenchmarkCategory("metrics")]
    public void Histogram_Record_ThreeTags_Listened()
    {
        var tags = new TagList { { "node", "n" }, { "pool_name", "default" }, { "command", "predict" } };
        _histogram.Record(12.0, in tags);
    }

    [Benchmark(Description = "hand-written Histogram.Record + Counter.Add (the catalog's two metrics), listened")]
    [BenchmarkCategory("metrics")]
    public void Metrics_HandWritten()
    {
        var tags = new TagList { { "node", "n" }, { "pool_name", "default" }, { "command", "predict" } };
        _histogram.Record(Duration.TotalMilliseconds, in tags);
        var countTags = new TagList { { "node", "n" }, { "pool_name", "default" } };
        _counter.Add(1, in countTags);
    }

    [Benchmark(Description = "Snakepit emit, its two metrics listened (no handler)")]
    [BenchmarkCategory("metrics")]
    public void Metrics_Emitter() => Emit();

    // ---- spans ------------------------------------------------------------------------------------------------

    [Benchmark(Description = "two Stopwatch.GetTimestamp calls (a span's clock floor)")]
    [BenchmarkCategory("span")]
    public long TwoTimestamps() => Stopwatch.GetTimestamp() + Stopwatch.GetTimestamp();

    [Benchmark(Description = "ActivitySource start+dispose, no listener")]
    [BenchmarkCategory("span")]
    public void ActivitySource_StartDispose_NoListener() => _source.StartActivity("op")?.Dispose();

    [Benchmark(Description = "two Snakepit emits, no handler (start and stop events)")]
    [BenchmarkCategory("span")]
    public void TwoDisabledEvents()
    {
        SnakepitEvents.PythonCallStart(DateTimeOffset.MinValue, "default", "w-1", "predict", "c-1");
        Emit();
    }

    [Benchmark(Description = "Snakepit span start+stop, no handler, no listener")]
    [BenchmarkCategory("span")]
    public void Span_NoHandler() =>
        SnakepitEvents.StartPythonCall("default", "w-1", "predict", "c-1").Stop(PythonCallStopResult.Success);

    [Benchmark(Description = "Snakepit span start+stop, typed handler on stop")]
    [BenchmarkCategory("span")]
    public void Span_TypedHandler() =>
        SnakepitEvents.StartPythonCall("default", "w-1", "predict", "c-1").Stop(PythonCallStopResult.Success);

    private static int s_floorWord = 3;
    private static TelemetryCallback<PythonCallStop>? s_floorHandler;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FloorEmit(TimeSpan duration, string poolName, string workerId, string command, string correlationId, PythonCallStopResult result, bool isolated, long? responseSize = null, string? sessionId = null)
    {
        var word = s_floorWord;
        if (word != 1 && word >= 0)
        {
            if (isolated)
            {
                FloorBodyIsolated(duration, poolName, workerId, command, correlationId, result, responseSize, sessionId);
            }
            else
            {
                FloorBody(duration, poolName, workerId, command, correlationId, result, responseSize, sessionId);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FloorBody(TimeSpan duration, string poolName, string workerId, string command, string correlationId, PythonCallStopResult result, long? responseSize, string? sessionId)
    {
        var e = new PythonCallStop(duration, poolName, workerId, command, correlationId, result, responseSize, sessionId);
        s_floorHandler!(in e);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FloorBodyIsolated(TimeSpan duration, string poolName, string workerId, string command, string correlationId, PythonCallStopResult result, long? responseSize, string? sessionId)
    {
        var e = new PythonCallStop(duration, poolName, workerId, command, correlationId, result, responseSize, sessionId);
        try
        {
            s_floorHandler!(in e);
        }
        catch (Exception)
        {
        }
    }

    private static void Emit() =>
        SnakepitEvents.PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);

    // Every handler here is called, never inlined ([MethodImpl(NoInlining)]): with dynamic PGO the JIT would otherwise
    // inline a one-line handler into the direct call's benchmark method (and into Snakepit's dispatch), and the rows
    // would compare how much of a call survives the optimizer instead of what a call costs.
    private sealed class CountingHandler : IPythonCallStopHandler
    {
        public long Ticks;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Handle(in PythonCallStop e) => Ticks += e.Duration.Ticks;
    }

    /// <summary>A generic handler that reads every field (numbers as numbers, strings by reference): what a forwarder does.</summary>
    private sealed class ReadingGenericHandler : ITelemetryHandler
    {
        public double Sum;
        public int Strings;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent
        {
#if SNAKEPIT_BASELINE
            // Versions before e.Measurements() read through the accessors (a copy of the payload per call).
            for (var i = 0; i < e.MeasurementCount; i++)
            {
                if (e.GetMeasurement(i).Value.TryGetNumber(out var number))
                {
                    Sum += number;
                }
            }

            for (var i = 0; i < e.MetadataCount; i++)
            {
                var value = e.GetMetadata(i).Value;
                if (value.Kind is TelemetryValueKind.String or TelemetryValueKind.Enum)
                {
                    Strings += value.AsString().Length;
                }
            }
#else
            foreach (var field in e.Measurements())
            {
                if (field.Value.TryGetNumber(out var number))
                {
                    Sum += number;
                }
            }

            foreach (var field in e.Metadata())
            {
                var value = field.Value;
                if (value.Kind is TelemetryValueKind.String or TelemetryValueKind.Enum)
                {
                    Strings += value.AsString().Length;
                }
            }
#endif
        }
    }

    /// <summary>The typed counterpart of <see cref="ReadingGenericHandler"/>: the same fields, read by their properties.</summary>
    private sealed class ReadingTypedHandler : IPythonCallStopHandler
    {
        public double Sum;
        public int Strings;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Handle(in PythonCallStop e)
        {
            Sum += e.Duration.TotalSeconds;
            if (e.ResponseSize is { } size)
            {
                Sum += size;
            }

            Strings += e.PoolName.Length + e.WorkerId.Length + e.Command.Length + e.CorrelationId.Length +
                SnakepitEvents.ToCatalogValue(e.Result).Length + (e.SessionId?.Length ?? 0) + e.Node.Length;
        }
    }

    /// <summary>A typed handler with the body of <see cref="CountingGenericHandler"/>.</summary>
    private sealed class CountingTypedHandler : IPythonCallStopHandler
    {
        public long Count;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Handle(in PythonCallStop e) => Count++;
    }

    /// <summary>A generic handler with the body of <see cref="CountingTypedHandler"/>.</summary>
    private sealed class CountingGenericHandler : ITelemetryHandler
    {
        public long Count;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent => Count++;
    }

    private sealed class NoOpObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
        }
    }
}
