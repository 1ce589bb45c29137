using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Snakepit.Telemetry.StatsD.Tests;

[Collection(DefaultHubCollection.Name)]
/// <summary>The review's hosting and stress repros: shutdown metrics of other services, and record/flush/timer/Dispose racing.</summary>
public sealed class StatsDLifecycleTests
{
    private sealed class Pool : IHostedService, IDisposable
    {
        public static Meter? Meter;
        public Task StartAsync(CancellationToken c) => Task.CompletedTask;
        public Task StopAsync(CancellationToken c) => Task.CompletedTask;
        public void Dispose() => Meter!.CreateGauge<long>("pool.final").Record(0); // e.g. final worker count on shutdown
    }

    [Fact]
    public async Task Registered_first_the_exporter_outlives_the_services_whose_shutdown_metrics_it_sends()
    {
        using var daemon = new UdpReceiver();
        using var meter = new Meter("statsd.review.host." + Guid.NewGuid().ToString("N"));
        Pool.Meter = meter;
        var builder = Host.CreateApplicationBuilder();
        // The container disposes in reverse order of creation, and hosted services are created in registration order:
        // registered first, the exporter is created first and disposed (with its final flush) last.
        builder.Services.AddStatsDExporter(o => { o.Host = "127.0.0.1"; o.Port = daemon.Port; o.MeterNames.Add(meter.Name); o.FlushInterval = TimeSpan.FromHours(1); });
        builder.Services.AddHostedService<Pool>();
        var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
        host.Dispose();
        Assert.Contains("pool.final:0|g", await daemon.ReceiveLinesAsync(1));
    }

    [Fact]
    public async Task Stress_record_flush_timer_dispose_never_throws()
    {
        using var daemon = new UdpReceiver();
        var errors = new List<Exception>();
        for (var round = 0; round < 100; round++)
        {
            using var meter = new Meter("statsd.review.stress." + round + Guid.NewGuid().ToString("N"));
            var o = new StatsDExporterOptions { Host = "127.0.0.1", Port = daemon.Port, FlushInterval = TimeSpan.FromMilliseconds(1), MaxBufferedBytes = 4096, MaxPacketSize = 512 };
            o.MeterNames.Add(meter.Name);
            var exporter = new StatsDExporter(o);
            var c = meter.CreateCounter<long>("s");
            var g = meter.CreateObservableGauge("o", () => -3L);
            using var go = new Barrier(4);
            var tasks = new[]
            {
                Task.Run(() => { go.SignalAndWait(); for (var i = 0; i < 500; i++) c.Add(1); }),
                Task.Run(() => { go.SignalAndWait(); for (var i = 0; i < 500; i++) c.Add(2); }),
                Task.Run(() => { go.SignalAndWait(); for (var i = 0; i < 20; i++) exporter.Flush(); }),
                Task.Run(() => { go.SignalAndWait(); exporter.Dispose(); exporter.Flush(); }),
            };
            try { await Task.WhenAll(tasks); } catch (Exception ex) { errors.Add(ex); }
        }

        Assert.Empty(errors);
    }
}
