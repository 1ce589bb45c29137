using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Xunit;

namespace Snakepit.Telemetry.StatsD.Tests;

/// <summary>A StatsD outage cannot hurt the application: send errors are counted and reported through the runtime's failure channel, never thrown.</summary>
[Collection(DefaultHubCollection.Name)]
public sealed class StatsDFailureTests : IDisposable
{
    private readonly Meter _meter = new("statsd.failure." + Guid.NewGuid().ToString("N"));
    private readonly List<TelemetryHandlerFailure> _failures = new();

    public StatsDFailureTests()
    {
        TelemetryHub.Default.Attach<TelemetryHandlerFailure>("statsd-failures", (in TelemetryHandlerFailure e) =>
        {
            lock (_failures)
            {
                _failures.Add(e);
            }
        });
    }

    [Fact]
    public async Task No_daemon_listening_is_counted_reported_once_and_recovers_when_it_comes()
    {
        var port = FreeUdpPort();
        using var exporter = Exporter("127.0.0.1", port);
        var counter = _meter.CreateCounter<long>("down");

        // The kernel learns that nobody listens from the first packet (ICMP port unreachable) and says so on a later
        // send of the connected socket: flush until it does (bounded; each flush is synchronous).
        for (var i = 0; i < 100 && exporter.SendErrors < 3; i++)
        {
            counter.Add(1);
            exporter.Flush();
        }

        Assert.True(exporter.SendErrors >= 3, $"no send error after 100 flushes to a closed port ({exporter.PacketsSent} packets sent)");
        Assert.True(exporter.LinesDropped >= 3);
        var failure = Assert.Single(Failures());
        Assert.Equal(StatsDExporter.HandlerId, failure.HandlerId);
        Assert.Equal(StatsDExporter.SendEventName, failure.FailedEventName);
        var reported = Assert.IsType<StatsDSendException>(failure.Exception);
        Assert.IsAssignableFrom<SocketException>(reported.InnerException);
        Assert.Contains("127.0.0.1:" + port, reported.Message, StringComparison.Ordinal);

        // The daemon comes up on that port: the next flush reaches it.
        using var daemon = new UdpReceiver(port);
        counter.Add(7);
        exporter.Flush();
        Assert.Contains("down:7|c", await daemon.ReceiveLinesAsync(1));
    }

    [Fact]
    public void An_unknown_host_is_counted_and_reported_not_thrown()
    {
        using var exporter = Exporter("statsd.invalid", 8125);
        _meter.CreateCounter<long>("nowhere").Add(1);

        exporter.Flush();

        Assert.Equal(1, exporter.SendErrors);
        Assert.Equal(1, exporter.LinesDropped);
        var failure = Assert.Single(Failures());
        Assert.IsAssignableFrom<SocketException>(failure.Exception.InnerException);
    }

    [Fact]
    public void Options_that_cannot_work_throw_at_construction_saying_why()
    {
        Assert.Throws<ArgumentException>(() => new StatsDExporter("localhost", 8125));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StatsDExporter("localhost", 0, "m"));
        Assert.Throws<ArgumentException>(() => new StatsDExporter(" ", 8125, "m"));
        Assert.Throws<ArgumentNullException>(() => new StatsDExporter(null!));
        var tooSmall = new StatsDExporterOptions { MaxPacketSize = 1000, MaxBufferedBytes = 1000 };
        tooSmall.MeterNames.Add("m");
        Assert.Contains("MaxBufferedBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new StatsDExporter(tooSmall)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("statsd.invalid")]      // cannot be resolved
    [InlineData("255.255.255.255")]     // resolved, but the kernel refuses to connect a socket to it
    public void A_host_that_cannot_be_reached_is_tried_once_per_flush_however_many_packets_wait(string host)
    {
        var options = new StatsDExporterOptions { Host = host, Port = 8125, FlushInterval = TimeSpan.FromHours(1), MaxPacketSize = 64 };
        options.MeterNames.Add(_meter.Name);
        using var exporter = new StatsDExporter(options);
        var counter = _meter.CreateCounter<long>("packets");   // 10 lines of 14 bytes: three packets of 64
        for (var i = 0; i < 10; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("i", i));
        }

        exporter.Flush();
        Assert.Equal(1, exporter.SendErrors);
        Assert.Equal(10, exporter.LinesDropped);

        counter.Add(1);
        exporter.Flush();
        Assert.Equal(2, exporter.SendErrors);   // tried again at the next flush
        Assert.Equal(11, exporter.LinesDropped);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_observable_instrument_whose_callback_throws_a_hostile_exception_is_counted_and_reported_never_thrown(bool tracing)
    {
        using var trace = TestCases.TracingListener.StartIf(tracing);
        using var daemon = new UdpReceiver(FreeUdpPort());
        using var exporter = Exporter("127.0.0.1", daemon.Port);
        _meter.CreateObservableGauge<long>("hostile", (Func<long>)(() => throw new TestCases.HostileException()));

        var thrown = Record.Exception(() =>
        {
            exporter.Flush();
            exporter.Flush();
        });

        Assert.Null(thrown);
        Assert.Equal(2, exporter.ObserveErrors);
        var failure = Assert.Single(Failures());   // the second within the minute is counted, not reported again
        Assert.Equal((StatsDExporter.HandlerId, StatsDExporter.ObserveEventName, false), (failure.HandlerId, failure.FailedEventName, failure.Detached));
        Assert.Contains("could not be read", failure.ExceptionMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_timer_survives_an_observable_callback_whose_exception_cannot_be_read_with_tracing_on()
    {
        using var trace = new TestCases.TracingListener();
        using var daemon = new UdpReceiver(FreeUdpPort());
        var options = new StatsDExporterOptions { Host = "127.0.0.1", Port = daemon.Port, FlushInterval = TimeSpan.FromMilliseconds(10) };
        options.MeterNames.Add(_meter.Name);
        using var observed = new System.Threading.CountdownEvent(5);
        _meter.CreateObservableGauge<long>("hostile-timer", (Func<long>)(() =>
        {
            if (!observed.IsSet)
            {
                observed.Signal();
            }

            throw new TestCases.HostileException();
        }));

        // Five timer flushes, each meeting the hostile callback: an exception escaping the timer's thread would have
        // ended this process at the first.
        using var exporter = new StatsDExporter(options);
        Assert.True(observed.Wait(TimeSpan.FromSeconds(30)));
        Assert.True(exporter.ObserveErrors >= 4);
    }

    private StatsDExporter Exporter(string host, int port)
    {
        var options = new StatsDExporterOptions { Host = host, Port = port, FlushInterval = TimeSpan.FromHours(1) };
        options.MeterNames.Add(_meter.Name);
        return new StatsDExporter(options);
    }

    private List<TelemetryHandlerFailure> Failures()
    {
        lock (_failures)
        {
            return new List<TelemetryHandlerFailure>(_failures);
        }
    }

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        TelemetryHub.Default.Detach("statsd-failures");
        _meter.Dispose();
    }
}
