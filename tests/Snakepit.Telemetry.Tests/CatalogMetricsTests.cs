using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// Catalog metrics recorded by the generated emitters, seen through a real <see cref="MeterListener"/>: every kind,
/// unit conversion, tags, optional fields, enums, buckets, and nothing recorded while nothing listens.
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class CatalogMetricsTests
{
    [Fact]
    public void Meter_and_ActivitySource_are_named_after_the_catalog()
    {
        Assert.Equal("myapp", MyappEvents.MeterName);
        Assert.Equal("myapp", MyappEvents.ActivitySourceName);
        Assert.Equal("snakepit", SnakepitEvents.MeterName);
        Assert.Equal("snakepit", SnakepitEvents.ActivitySourceName);
    }

    [Fact]
    public void Counter_counts_events_with_the_catalog_field_names_as_tag_keys()
    {
        using var recorder = new MeasurementRecorder("myapp");
        MyappEvents.RequestStop(TimeSpan.FromMilliseconds(5), "u-counter", RequestStopRequestType.Forward, RequestStopResult.Failure);
        MyappEvents.RequestStop(TimeSpan.FromMilliseconds(5), "u-counter", RequestStopRequestType.Forward, RequestStopResult.Failure);

        var counted = recorder.Of("myapp.request.stop.count").Where(m => Equals(m.Tags["user_id"], "u-counter")).ToList();
        Assert.Equal(2, counted.Count);
        Assert.All(counted, m => Assert.Equal(1L, m.Value));
        Assert.IsType<Counter<long>>(counted[0].Instrument);
        Assert.Equal(new Dictionary<string, object?> { ["user_id"] = "u-counter", ["result"] = "failure" }, counted[0].Tags);
        Assert.Equal("Requests completed", counted[0].Instrument.Description);
    }

    [Fact]
    public void Distribution_records_the_duration_in_its_unit_with_bucket_advice_and_enum_tags()
    {
        using var recorder = new MeasurementRecorder("myapp");
        MyappEvents.CommonMetadata.Node = "node-metrics";
        MyappEvents.RequestStop(TimeSpan.FromMilliseconds(250), "u-hist", RequestStopRequestType.Predict, RequestStopResult.Success);

        var measured = Assert.Single(recorder.Of("myapp.request.stop.duration"), m => Equals(m.Tags["node"], "node-metrics"));
        Assert.Equal(250.0, (double)measured.Value, precision: 9);
        var histogram = Assert.IsType<Histogram<double>>(measured.Instrument);
        Assert.Equal("ms", histogram.Unit);
        Assert.Equal(new[] { 10.0, 100.0, 1000.0 }, histogram.Advice!.HistogramBucketBoundaries);
        Assert.Equal("predict", measured.Tags["request_type"]);
        Assert.Equal("success", measured.Tags["result"]);
    }

    [Fact]
    public void Summary_converts_to_microseconds_and_boolean_tags_are_booleans()
    {
        using var recorder = new MeasurementRecorder("myapp");
        MyappEvents.CacheLookup(TimeSpan.FromTicks(15_000), "k-summary", hit: false);

        var measured = Assert.Single(recorder.Of("myapp.cache.lookup.latency"), m => Equals(m.Tags["key"], "k-summary"));
        Assert.Equal(1500.0, (double)measured.Value, precision: 9);
        Assert.Equal(false, measured.Tags["hit"]);
        Assert.Null(Assert.IsType<Histogram<double>>(measured.Instrument).Advice);
    }

    [Fact]
    public void Sum_of_an_absent_optional_measurement_records_nothing()
    {
        using var recorder = new MeasurementRecorder("myapp");
        MyappEvents.CacheLookup(TimeSpan.FromTicks(1), "k-sum", hit: true);
        MyappEvents.CacheLookup(TimeSpan.FromTicks(1), "k-sum", hit: true, size: 42);

        var measured = Assert.Single(recorder.Of("myapp.cache.lookup.size"), m => Equals(m.Tags["key"], "k-sum"));
        Assert.Equal(42L, measured.Value);
        Assert.IsType<Counter<long>>(measured.Instrument);
        Assert.Equal("By", measured.Instrument.Unit);
    }

    [Fact]
    public void Double_sum_leaves_an_absent_optional_tag_out()
    {
        using var recorder = new MeasurementRecorder("myapp");
        MyappEvents.JobDone(2.5, 3, JobDonePriority.High, retried: true);
        MyappEvents.JobDone(1.25, 3, JobDonePriority.Low, retried: false, queue: "q-sum");

        var scores = recorder.Of("myapp.job.done.score");
        Assert.IsType<Counter<double>>(scores[0].Instrument);
        Assert.Contains(scores, m => (double)m.Value == 2.5 && m.Tags.Count == 1 && Equals(m.Tags["priority"], "high"));
        Assert.Contains(scores, m => (double)m.Value == 1.25 && Equals(m.Tags["queue"], "q-sum") && Equals(m.Tags["priority"], "low"));
    }

    [Fact]
    public void Last_value_is_a_gauge_and_durations_convert_to_nanoseconds_and_seconds()
    {
        using var recorder = new MeasurementRecorder("myapp");
        MyappEvents.JobDone(7.5, 1, JobDonePriority.Low, retried: false, wait: TimeSpan.FromMilliseconds(2), queue: "q-gauge");

        var last = Assert.Single(recorder.Of("myapp.job.done.last_score"), m => Equals(m.Tags["queue"], "q-gauge"));
        Assert.IsType<Gauge<double>>(last.Instrument);
        Assert.Equal(7.5, last.Value);
        var wait = Assert.Single(recorder.Of("myapp.job.done.wait"), m => Equals(m.Tags["queue"], "q-gauge"));
        Assert.Equal(2_000_000.0, (double)wait.Value, precision: 6);
        Assert.Equal("ns", wait.Instrument.Unit);
        var seconds = Assert.Single(recorder.Of("myapp.job.done.wait_seconds"), m => Equals(m.Tags["queue"], "q-gauge"));
        Assert.Equal(0.002, (double)seconds.Value, precision: 9);
        Assert.IsType<Counter<double>>(seconds.Instrument);
    }

    [Fact]
    public void Int64_distribution_is_a_long_histogram_with_long_buckets()
    {
        using var recorder = new MeasurementRecorder("myapp");
        MyappEvents.JobDone(0, 12, JobDonePriority.Low, retried: true, queue: "q-items");

        var measured = Assert.Single(recorder.Of("myapp.job.done.items"), m => Equals(m.Tags["queue"], "q-items"));
        Assert.Equal(12L, measured.Value);
        Assert.Equal(true, measured.Tags["retried"]);
        Assert.Equal(new[] { 1L, 10L, 100L }, Assert.IsType<Histogram<long>>(measured.Instrument).Advice!.HistogramBucketBoundaries);
    }

    [Fact]
    public void Snakepit_catalog_records_the_guides_metrics()
    {
        using var recorder = new MeasurementRecorder("snakepit");
        SnakepitEvents.CommonMetadata.Node = "node-guide";
        SnakepitEvents.PoolStatus(2, 3, 4, 5, "pool-guide");
        SnakepitEvents.PythonCallStop(TimeSpan.FromMilliseconds(12), "pool-guide", "w-1", "predict", "c-1", PythonCallStopResult.Success);

        var names = recorder.Published.Select(i => i.Name).ToHashSet();
        Assert.Superset(
            new HashSet<string>
            {
                "snakepit.pool.status.queue_depth", "snakepit.pool.status.available_workers", "snakepit.pool.status.busy_workers",
                "snakepit.python.call.stop.duration", "snakepit.python.call.stop.count", "snakepit.python.call.exception.count",
                "snakepit.pool.worker.spawned.count", "snakepit.pool.worker.terminated.count", "snakepit.pool.worker.restarted.count",
                "snakepit.python.memory.sampled.rss_bytes",
            },
            names);
        var depth = Assert.Single(recorder.Of("snakepit.pool.status.queue_depth"), m => Equals(m.Tags["pool_name"], "pool-guide"));
        Assert.Equal(4L, depth.Value);
        Assert.Equal("node-guide", depth.Tags["node"]);
        var duration = Assert.Single(recorder.Of("snakepit.python.call.stop.duration"), m => Equals(m.Tags["pool_name"], "pool-guide"));
        Assert.Equal(12.0, (double)duration.Value, precision: 9);
        Assert.Equal("predict", duration.Tags["command"]);
    }

    [Fact]
    public void IsEnabled_follows_a_listener_of_one_instrument_and_only_that_instrument_records()
    {
        Assert.False(MyappEvents.IsJobDoneEnabled);
        using (var recorder = new MeasurementRecorder("myapp", name => name == "myapp.job.done.score"))
        {
            Assert.True(MyappEvents.IsJobDoneEnabled);
            Assert.False(MyappEvents.IsCacheLookupEnabled);
            MyappEvents.JobDone(1, 1, JobDonePriority.Low, retried: false, queue: "q-only");
            Assert.Single(recorder.Of("myapp.job.done.score"));
            Assert.Empty(recorder.Of("myapp.job.done.items"));
        }

        Assert.False(MyappEvents.IsJobDoneEnabled);
    }

    [Fact]
    public void Nothing_is_recorded_while_no_listener_enables_the_instruments()
    {
        using var recorder = new MeasurementRecorder("some-other-meter");
        Assert.False(MyappEvents.IsRequestStopEnabled);
        MyappEvents.RequestStop(TimeSpan.FromMilliseconds(1), "u-none", RequestStopRequestType.Predict, RequestStopResult.Success);
        Assert.Empty(recorder.Of("myapp.request.stop.count"));
    }

    [Fact]
    public void Emitting_into_an_enabled_instrument_with_string_and_enum_tags_allocates_nothing()
    {
        var sum = 0.0;
        var instruments = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "myapp" && instrument.Name == "myapp.request.stop.duration")
                {
                    instruments++;
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => sum += value);
        listener.Start();
        Assert.True(MyappEvents.IsRequestStopEnabled);

        void Emit(int count)
        {
            for (var i = 0; i < count; i++)
            {
                MyappEvents.RequestStop(TimeSpan.FromMilliseconds(1), "u-alloc", RequestStopRequestType.Predict, RequestStopResult.Success);
            }
        }

        Emit(1_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Emit(10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1, instruments);
        Assert.Equal(0, allocated);
        Assert.Equal(11_000.0, sum, precision: 6);
    }
}
