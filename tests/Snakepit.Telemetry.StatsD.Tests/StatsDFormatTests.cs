using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Tasks;
using Xunit;

namespace Snakepit.Telemetry.StatsD.Tests;

/// <summary>What the exporter writes for each kind of instrument, in both formats, received by a real UDP socket.</summary>
public sealed class StatsDFormatTests : IDisposable
{
    private readonly UdpReceiver _daemon = new();
    private readonly Meter _meter = new("statsd.format." + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Counters_gauges_and_histograms_become_c_g_and_ms_with_tag_values_in_the_name()
    {
        using var exporter = Exporter(StatsDFormat.Standard);
        var calls = _meter.CreateCounter<long>("snakepit.python.call.stop.count");
        var depth = _meter.CreateGauge<long>("snakepit.pool.status.queue_depth");
        var duration = _meter.CreateHistogram<double>("snakepit.python.call.stop.duration", "ms");

        calls.Add(1, new("node", "node-a"), new("pool_name", "default"));
        calls.Add(3, new("node", "node-a"), new("pool_name", "default"));
        depth.Record(12, new("node", "node-a"), new("pool_name", "gpu"));
        duration.Record(1.5, new("node", "node-a"), new("pool_name", "default"), new("command", "predict"));
        exporter.Flush();

        Assert.Equal(
            new[]
            {
                "snakepit.python.call.stop.count.node-a.default:1|c",
                "snakepit.python.call.stop.count.node-a.default:3|c",
                "snakepit.pool.status.queue_depth.node-a.gpu:12|g",
                "snakepit.python.call.stop.duration.node-a.default.predict:1.5|ms",
            },
            await _daemon.ReceiveLinesAsync(4));
        Assert.Equal(4, exporter.LinesSent);
    }

    [Fact]
    public async Task Tag_values_are_sanitised_and_written_in_the_order_recorded()
    {
        using var exporter = Exporter(StatsDFormat.Standard);
        var counter = _meter.CreateCounter<int>("jobs");

        counter.Add(2, new("z", "a b/c.d:e|f@g#h\u00e9"), new("a", 7L), new("m", true), new("n", null), new("x", 2.5));
        exporter.Flush();

        Assert.Equal("jobs.a_b_c_d_e_f_g_h_.7.true.nil.2_5:2|c", Assert.Single(await _daemon.ReceiveLinesAsync(1)));
    }

    [Fact]
    public async Task DogStatsD_writes_the_tags_after_a_hash_with_their_keys()
    {
        using var exporter = Exporter(StatsDFormat.DogStatsD, prefix: "prod");
        var counter = _meter.CreateCounter<long>("snakepit.python.call.stop.count");
        var histogram = _meter.CreateHistogram<long>("latency");

        counter.Add(1, new("node", "node-a"), new("pool_name", "de,fault|x"));
        histogram.Record(250);
        exporter.Flush();

        Assert.Equal(
            new[]
            {
                "prod.snakepit.python.call.stop.count:1|c|#node:node-a,pool_name:de_fault_x",
                "prod.latency:250|ms",
            },
            await _daemon.ReceiveLinesAsync(2));
    }

    [Fact]
    public async Task A_gauge_below_zero_is_set_from_zero_because_StatsD_reads_a_sign_as_a_change()
    {
        using var exporter = Exporter(StatsDFormat.Standard);
        var gauge = _meter.CreateGauge<double>("temperature");
        var updown = _meter.CreateUpDownCounter<long>("inflight");

        gauge.Record(-2.5);
        updown.Add(-1);
        exporter.Flush();

        Assert.Equal(new[] { "temperature:0|g", "temperature:-2.5|g", "inflight:-1|c" }, await _daemon.ReceiveLinesAsync(3));
    }

    [Fact]
    public async Task Observable_instruments_are_read_at_each_flush_as_gauges()
    {
        using var exporter = Exporter(StatsDFormat.Standard);
        var value = 5;
        _meter.CreateObservableGauge("workers", () => new Measurement<int>(value, new KeyValuePair<string, object?>("pool", "p")));
        _meter.CreateObservableCounter("total", () => 40L + value);

        exporter.Flush();
        value = 6;
        exporter.Flush();

        Assert.Equal(new[] { "workers.p:5|g", "total:45|g", "workers.p:6|g", "total:46|g" }, await _daemon.ReceiveLinesAsync(4));
    }

    [Fact]
    public async Task NaN_infinity_and_lines_longer_than_a_packet_are_dropped_and_counted()
    {
        using var exporter = Exporter(StatsDFormat.Standard, maxPacketSize: 64);
        var histogram = _meter.CreateHistogram<double>("h");

        histogram.Record(double.NaN);
        histogram.Record(double.PositiveInfinity);
        histogram.Record(1, new KeyValuePair<string, object?>("long", new string('x', 100)));
        histogram.Record(2);
        exporter.Flush();

        Assert.Equal(new[] { "h:2|ms" }, await _daemon.ReceiveLinesAsync(1));
        Assert.Equal(3, exporter.LinesDropped);
        Assert.Equal(1, exporter.LinesSent);
    }

    [Fact]
    public async Task Only_the_named_meters_are_sent()
    {
        using var other = new Meter("statsd.other." + Guid.NewGuid().ToString("N"));
        using var exporter = Exporter(StatsDFormat.Standard);
        other.CreateCounter<long>("ignored").Add(1);
        _meter.CreateCounter<long>("kept").Add(1);
        exporter.Flush();

        Assert.Equal(new[] { "kept:1|c" }, await _daemon.ReceiveLinesAsync(1));
        Assert.False(await _daemon.AnotherPacketAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Integer_and_fractional_values_are_written_in_invariant_shortest_form()
    {
        using var exporter = Exporter(StatsDFormat.Standard);
        _meter.CreateHistogram<double>("d").Record(0.1);
        _meter.CreateHistogram<float>("f").Record(2.5f);
        _meter.CreateHistogram<decimal>("m").Record(3.25m);
        _meter.CreateCounter<long>("big").Add(long.MaxValue);
        _meter.CreateHistogram<double>("e").Record(1e21);
        exporter.Flush();

        Assert.Equal(new[] { "d:0.1|ms", "f:2.5|ms", "m:3.25|ms", "big:9223372036854775807|c", "e:1E+21|ms" }, await _daemon.ReceiveLinesAsync(5));
    }

    private StatsDExporter Exporter(StatsDFormat format, string? prefix = null, int maxPacketSize = StatsDExporterOptions.DefaultMaxPacketSize)
    {
        var options = new StatsDExporterOptions
        {
            Host = "127.0.0.1",
            Port = _daemon.Port,
            Format = format,
            Prefix = prefix,
            MaxPacketSize = maxPacketSize,
            FlushInterval = TimeSpan.FromHours(1),
        };
        options.MeterNames.Add(_meter.Name);
        return new StatsDExporter(options);
    }

    public void Dispose()
    {
        _meter.Dispose();
        _daemon.Dispose();
    }
}
