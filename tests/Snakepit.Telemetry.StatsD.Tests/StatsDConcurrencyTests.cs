using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Snakepit.Telemetry.StatsD.Tests;

/// <summary>
/// The concurrency review's repros, each asserting the behaviour required: re-entrant recording, exceptions from tag
/// values, recording across Dispose, negative gauges in one packet, DNS failures, packet boundaries.
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class StatsDConcurrencyTests : IDisposable
{
    private readonly UdpReceiver _daemon = new();
    private readonly Meter _meter = new("statsd.review." + Guid.NewGuid().ToString("N"));

    // A tag value whose ToString (called by AppendValue's default branch via Convert.ToString) is a hook on the recording thread.
    private sealed class HookTag
    {
        private readonly Func<string> _text;
        public HookTag(Func<string> text) => _text = text;
        public override string ToString() => _text();
    }

    [Fact]
    public async Task Recording_from_inside_a_recording_keeps_both_lines_whole()
    {
        using var exporter = Exporter();
        var inner = _meter.CreateCounter<long>("inner");
        var outer = _meter.CreateCounter<long>("outer");
        outer.Add(1, new KeyValuePair<string, object?>("k", new HookTag(() => { inner.Add(1); return "x"; })));
        exporter.Flush();

        var lines = await _daemon.ReceiveLinesAsync(2);
        Assert.Equal(new[] { "inner:1|c", "outer.x:1|c" }, lines);
    }

    [Fact]
    public void A_tag_whose_ToString_throws_drops_the_measurement_and_never_reaches_the_recording_thread()
    {
        using var exporter = Exporter();
        var counter = _meter.CreateCounter<long>("throws");
        var ex = Record.Exception(() => counter.Add(1, new KeyValuePair<string, object?>("k", new HookTag(() => throw new InvalidOperationException("tag")))));
        Assert.Null(ex);
        Assert.Equal(1, exporter.LinesDropped);
    }

    [Fact]
    public async Task A_null_tag_key_in_DogStatsD_is_written_nil()
    {
        using var exporter = Exporter(format: StatsDFormat.DogStatsD);
        var counter = _meter.CreateCounter<long>("nullkey");
        var ex = Record.Exception(() => counter.Add(1, new KeyValuePair<string, object?>(null!, "v")));
        Assert.Null(ex);
        exporter.Flush();
        Assert.Equal(new[] { "nullkey:1|c|#nil:v" }, await _daemon.ReceiveLinesAsync(1));
    }

    [Fact]
    public async Task A_recording_still_running_when_Dispose_returns_is_counted_dropped_and_Flush_after_Dispose_sends_nothing()
    {
        var exporter = Exporter();
        var counter = _meter.CreateCounter<long>("late");
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var recorder = Task.Factory.StartNew(
            () => counter.Add(1, new KeyValuePair<string, object?>("k", new HookTag(() => { entered.Set(); release.Wait(); return "v"; }))),
            TaskCreationOptions.LongRunning);

        entered.Wait();          // the recording thread is inside OnMeasurement (listener already handed it the state)
        exporter.Dispose();      // final flush: nothing buffered yet; socket closed
        release.Set();
        await recorder;          // the line is now appended into a buffer nobody will flush

        Assert.Equal((0L, 1L), (exporter.LinesSent, exporter.LinesDropped));
        exporter.Flush();
        Assert.False(await _daemon.AnotherPacketAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task A_negative_gauges_zero_and_value_lines_always_travel_in_one_packet()
    {
        using var exporter = Exporter(maxPacketSize: 64);
        _meter.CreateCounter<long>(new string('f', 54)).Add(1);       // 58-byte line
        _meter.CreateGauge<long>("g").Record(-5);                      // "g:0|g\ng:-5|g\n"
        exporter.Flush();

        await _daemon.ReceiveLinesAsync(3);
        var packets = _daemon.Packets;
        Assert.Contains(packets, p => p == "g:0|g\ng:-5|g");
        Assert.All(packets, p => Assert.DoesNotContain('\u001e', p));
        Assert.Equal(3, exporter.LinesSent);
    }

    [Fact]
    public async Task A_gauge_of_negative_zero_is_set_to_zero()
    {
        using var exporter = Exporter();
        _meter.CreateGauge<double>("z").Record(-0.0);
        exporter.Flush();
        Assert.Equal(new[] { "z:0|g" }, await _daemon.ReceiveLinesAsync(1));
    }

    [Fact]
    public void A_negative_gauge_whose_two_lines_do_not_fit_one_packet_is_dropped_as_two_lines()
    {
        using var exporter = Exporter(maxPacketSize: 64);
        var gauge = _meter.CreateGauge<long>(new string('g', 30));    // "ggg:0|g" = 34+1, "ggg:-5|g" = 35+1: each fits 64, the pair (71) does not fit 65
        gauge.Record(-5);
        exporter.Flush();
        // Sent apart, a lost or reordered first packet would turn the value into a change: the pair goes whole or not at all.
        Assert.Equal((0L, 2L), (exporter.LinesSent, exporter.LinesDropped));
    }

    [Fact]
    public void An_unresolvable_host_costs_one_DNS_lookup_per_flush_not_one_per_packet()
    {
        var lookups = 0;
        using var dns = new MeterListener
        {
            InstrumentPublished = (i, l) => { if (i.Meter.Name == "System.Net.NameResolution") l.EnableMeasurementEvents(i); },
        };
        dns.SetMeasurementEventCallback<double>((i, v, t, s) => Interlocked.Increment(ref lookups));
        dns.Start();

        var options = Options(maxPacketSize: 64);
        options.Host = "statsd.invalid";
        var exporter = new StatsDExporter(options);
        var counter = _meter.CreateCounter<long>("dns");
        for (var i = 0; i < 200; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("i", i)); // ~12-byte lines -> ~45 packets
        }

        exporter.Dispose();
        Assert.Equal(1, exporter.SendErrors);
        Assert.Equal(200, exporter.LinesDropped);
        Assert.Equal(1, lookups);
    }

    [Fact]
    public async Task A_line_of_exactly_MaxPacketSize_goes_alone_and_lines_totalling_it_share_a_packet()
    {
        using var exporter = Exporter(maxPacketSize: 64);
        _meter.CreateCounter<long>(new string('a', 60)).Add(1);   // 64-byte line: alone
        _meter.CreateCounter<long>(new string('b', 60)).Add(1);   // 64 again
        _meter.CreateCounter<long>(new string('c', 27)).Add(1);   // 31 + 1 + 32 = 64: together
        _meter.CreateCounter<long>(new string('d', 28)).Add(1);
        _meter.CreateCounter<long>(new string('e', 65)).Add(1);   // 69: rejected
        exporter.Flush();
        await _daemon.ReceiveLinesAsync(4);
        Assert.Equal(new[] { 64, 64, 64 }, _daemon.Packets.Select(p => p.Length));
        Assert.Equal((4L, 1L), (exporter.LinesSent, exporter.LinesDropped));
    }

    private StatsDExporterOptions Options(int maxPacketSize = StatsDExporterOptions.DefaultMaxPacketSize, StatsDFormat format = StatsDFormat.Standard)
    {
        var options = new StatsDExporterOptions
        {
            Host = "127.0.0.1",
            Port = _daemon.Port,
            MaxPacketSize = maxPacketSize,
            Format = format,
            FlushInterval = TimeSpan.FromHours(1),
        };
        options.MeterNames.Add(_meter.Name);
        return options;
    }

    private StatsDExporter Exporter(int maxPacketSize = StatsDExporterOptions.DefaultMaxPacketSize, StatsDFormat format = StatsDFormat.Standard) =>
        new(Options(maxPacketSize, format));

    public void Dispose()
    {
        _meter.Dispose();
        _daemon.Dispose();
    }
}
