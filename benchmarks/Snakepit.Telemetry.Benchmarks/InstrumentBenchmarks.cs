using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Snakepit.Telemetry.Events;

namespace Snakepit.Telemetry.Benchmarks;

/// <summary>
/// The generated emitter recording the catalog's metrics for <c>snakepit.python.call.stop</c> (a histogram tagged by
/// node, pool_name, command and a counter tagged by node, pool_name) while a <see cref="MeterListener"/> listens,
/// against the same two records written by hand with <see cref="TagList"/>s; and a generated span with an
/// <see cref="ActivityListener"/> against a bare <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// with the same tags. Target: within 1.2x of the hand-written code.
/// </summary>
[MemoryDiagnoser]
public class InstrumentBenchmarks
{
    private static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(12);
    private readonly Meter _handMeter = new("bench.hand");
    private readonly ActivitySource _handSource = new("bench.hand");
    private Histogram<double> _handDuration = null!;
    private Counter<long> _handCount = null!;
    private MeterListener? _meterListener;
    private ActivityListener? _activityListener;
    private double _sum;
    private long _count;

    [GlobalSetup(Targets = new[] { nameof(Metrics_HandWritten), nameof(Metrics_Emitter) })]
    public void ListenToMeters()
    {
        _handDuration = _handMeter.CreateHistogram<double>("snakepit.python.call.stop.duration", "ms", "Python call duration");
        _handCount = _handMeter.CreateCounter<long>("snakepit.python.call.stop.count", null, "Python calls completed");
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name.StartsWith("snakepit.python.call.stop.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<double>((_, value, _, _) => _sum += value);
        _meterListener.SetMeasurementEventCallback<long>((_, value, _, _) => _count += value);
        _meterListener.Start();
        if (!SnakepitEvents.IsPythonCallStopEnabled)
        {
            throw new InvalidOperationException("The listener did not enable the catalog's instruments.");
        }
    }

    [GlobalSetup(Targets = new[] { nameof(Activity_HandWritten), nameof(Activity_Span) })]
    public void ListenToActivities()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "snakepit" or "bench.hand",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => _count++,
        };
        ActivitySource.AddActivityListener(_activityListener);
    }

    [GlobalCleanup]
    public void StopListening()
    {
        _meterListener?.Dispose();
        _activityListener?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "metrics: Histogram.Record + Counter.Add with TagLists, by hand")]
    public void Metrics_HandWritten()
    {
        var node = SnakepitEvents.CommonMetadata.Node;
        if (_handDuration.Enabled)
        {
            var tags = new TagList { { "node", node }, { "pool_name", "default" }, { "command", "predict" } };
            _handDuration.Record(Duration.TotalMilliseconds, in tags);
        }

        if (_handCount.Enabled)
        {
            var tags = new TagList { { "node", node }, { "pool_name", "default" } };
            _handCount.Add(1, in tags);
        }
    }

    [Benchmark(Description = "metrics: generated emitter (same two records)")]
    public void Metrics_Emitter() =>
        SnakepitEvents.PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);

    [Benchmark(Description = "trace: ActivitySource.StartActivity + the same tags + Stop, by hand")]
    public void Activity_HandWritten()
    {
        var activity = _handSource.StartActivity("snakepit.python.call", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("pool_name", "default");
            activity.SetTag("worker_id", "w-1");
            activity.SetTag("command", "predict");
            activity.SetTag("correlation_id", "c-1");
        }

        if (activity is not null)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag("result", "success");
            }

            activity.Stop();
        }
    }

    [Benchmark(Description = "trace: generated span StartPythonCall(...).Stop(...)")]
    public void Activity_Span() =>
        SnakepitEvents.StartPythonCall("default", "w-1", "predict", "c-1").Stop(PythonCallStopResult.Success);
}
