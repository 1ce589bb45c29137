using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.StatsD.Tests;

/// <summary>One call registers the exporter from configuration; the catalog's own metrics go out while the host runs.</summary>
[Collection(DefaultHubCollection.Name)]
public sealed class StatsDHostingTests
{
    [Fact]
    public async Task AddStatsDExporter_reads_Snakepit_StatsD_and_sends_the_catalogs_metrics_until_the_host_stops()
    {
        using var daemon = new UdpReceiver();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Snakepit:StatsD:Host"] = "127.0.0.1",
            ["Snakepit:StatsD:Port"] = daemon.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Snakepit:StatsD:Meters:0"] = SnakepitEvents.MeterName,
            ["Snakepit:StatsD:Prefix"] = "hosted",
            ["Snakepit:StatsD:FlushIntervalMs"] = "3600000",
        });
        builder.Services.AddStatsDExporter(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();

        var original = SnakepitEvents.CommonMetadata.Node;
        SnakepitEvents.CommonMetadata.Node = "node-h";
        try
        {
            SnakepitEvents.PoolStatus(availableWorkers: 1, busyWorkers: 3, queueDepth: 12, totalWorkers: 4, poolName: "default");
        }
        finally
        {
            SnakepitEvents.CommonMetadata.Node = original;
        }

        await host.StopAsync();

        var lines = await daemon.ReceiveLinesAsync(3);
        Assert.Contains("hosted.snakepit.pool.status.queue_depth.node-h.default:12|g", lines);
        Assert.Contains("hosted.snakepit.pool.status.available_workers.node-h.default:1|g", lines);
        Assert.Contains("hosted.snakepit.pool.status.busy_workers.node-h.default:3|g", lines);
        Assert.Same(host.Services.GetRequiredService<StatsDExporter>(), host.Services.GetRequiredService<StatsDExporter>());
    }

    [Fact]
    public void The_reader_defaults_to_Snakepits_meter_and_names_the_key_of_a_bad_value()
    {
        var defaults = StatsDOptionsReader.Read(Configuration(new()));
        Assert.Equal(new[] { "snakepit" }, defaults.MeterNames);
        Assert.Equal("localhost", defaults.Host);
        Assert.Equal(8125, defaults.Port);
        Assert.Equal(StatsDFormat.Standard, defaults.Format);

        var full = StatsDOptionsReader.Read(Configuration(new()
        {
            ["Snakepit:StatsD:Host"] = "statsd.local",
            ["Snakepit:StatsD:Port"] = "9125",
            ["Snakepit:StatsD:Meters"] = "snakepit, myapp",
            ["Snakepit:StatsD:Format"] = "dogstatsd",
            ["Snakepit:StatsD:FlushIntervalMs"] = "250",
            ["Snakepit:StatsD:MaxPacketSize"] = "512",
            ["Snakepit:StatsD:MaxBufferedBytes"] = "4096",
        }));
        Assert.Equal(("statsd.local", 9125, StatsDFormat.DogStatsD), (full.Host, full.Port, full.Format));
        Assert.Equal(new[] { "snakepit", "myapp" }, full.MeterNames);
        Assert.Equal(TimeSpan.FromMilliseconds(250), full.FlushInterval);
        Assert.Equal((512, 4096), (full.MaxPacketSize, full.MaxBufferedBytes));

        Assert.Contains("Snakepit:StatsD:Port: 'eighty' is not a whole number", Assert.Throws<InvalidOperationException>(() => StatsDOptionsReader.Read(Configuration(new() { ["Snakepit:StatsD:Port"] = "eighty" }))).Message, StringComparison.Ordinal);
        Assert.Contains("Snakepit:StatsD:Format", Assert.Throws<InvalidOperationException>(() => StatsDOptionsReader.Read(Configuration(new() { ["Snakepit:StatsD:Format"] = "graphite" }))).Message, StringComparison.Ordinal);
        Assert.Equal(
            "Snakepit:StatsD:Port: Port must be 1 to 65535. (is '70000')",
            Assert.Throws<InvalidOperationException>(() => StatsDOptionsReader.Read(Configuration(new() { ["Snakepit:StatsD:Port"] = "70000" }))).Message);
        Assert.Equal(
            "Snakepit:StatsD:FlushIntervalMs: FlushInterval must be more than zero and at most an hour. (is '0')",
            Assert.Throws<InvalidOperationException>(() => StatsDOptionsReader.Read(Configuration(new() { ["Snakepit:StatsD:FlushIntervalMs"] = "0" }))).Message);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(StatsDOptionsReader.SectionName);
}
