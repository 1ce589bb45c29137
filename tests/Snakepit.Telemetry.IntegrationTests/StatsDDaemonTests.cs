using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;
using Snakepit.Telemetry.StatsD;
using Xunit;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>
/// The guide's StatsD section from the catalog alone: Snakepit's events emitted, the catalog's metrics sent by
/// <see cref="StatsDExporter"/> to the real Etsy StatsD daemon, and read back through its management interface
/// (<c>counters</c>, <c>gauges</c>, <c>timers</c>): names and values as emitted, in both formats.
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class StatsDDaemonTests
{
    private static readonly TimeSpan[] Durations = { TimeSpan.FromMilliseconds(12.5), TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(3.25) };

    [Fact]
    public async Task The_guides_metrics_reach_the_real_daemon_with_telemetry_metrics_statsd_names()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var daemon = await StatsDDaemon.StartAsync(timeout.Token);
        var options = Options(daemon, StatsDFormat.Standard, "std");
        using (var exporter = new StatsDExporter(options))
        {
            EmitTheGuidesEvents();
            exporter.Flush();
            Assert.Equal(0, exporter.LinesDropped);
        }

        var counters = await WaitForAsync(daemon, d => d.CountersAsync(timeout.Token), "std.snakepit.pool.worker.restarted.count.node-s.default", timeout.Token);
        Assert.Equal(3, counters["std.snakepit.python.call.stop.count.node-s.default"]);
        Assert.Equal(1, counters["std.snakepit.python.call.exception.count.node-s.default.KeyError"]);
        Assert.Equal(2, counters["std.snakepit.pool.worker.spawned.count.node-s.default"]);
        Assert.Equal(1, counters["std.snakepit.pool.worker.restarted.count.node-s.default"]);
        Assert.Equal(0, counters["statsd.bad_lines_seen"]);

        var gauges = await daemon.GaugesAsync(timeout.Token);
        Assert.Equal(12, gauges["std.snakepit.pool.status.queue_depth.node-s.default"]);
        Assert.Equal(1, gauges["std.snakepit.pool.status.available_workers.node-s.default"]);
        Assert.Equal(3, gauges["std.snakepit.pool.status.busy_workers.node-s.default"]);
        Assert.Equal(123_456_789, gauges["std.snakepit.python.memory.sampled.rss_bytes.node-s.default_worker_1"]);

        // The summary's unit is ms: each call's duration, converted by the emitter, as a timer sample.
        var timers = await daemon.TimersAsync(timeout.Token);
        Assert.Equal(Durations.Select(d => d.TotalMilliseconds).OrderBy(v => v), timers["std.snakepit.python.call.stop.duration.node-s.default.predict"].OrderBy(v => v));
    }

    [Fact]
    public async Task DogStatsD_tags_reach_the_real_daemon_as_tags()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var daemon = await StatsDDaemon.StartAsync(timeout.Token);
        using (var exporter = new StatsDExporter(Options(daemon, StatsDFormat.DogStatsD, "dog")))
        {
            EmitTheGuidesEvents();
        }

        // Etsy's daemon reads "|#k:v" tags into its key as ";k=v" (Dispose flushed).
        var counters = await WaitForAsync(daemon, d => d.CountersAsync(timeout.Token), "dog.snakepit.python.call.stop.count;node=node-s;pool_name=default", timeout.Token);
        Assert.Equal(3, counters["dog.snakepit.python.call.stop.count;node=node-s;pool_name=default"]);
        Assert.Equal(1, counters["dog.snakepit.python.call.exception.count;node=node-s;pool_name=default;error_type=KeyError"]);
        var gauges = await daemon.GaugesAsync(timeout.Token);
        Assert.Equal(12, gauges["dog.snakepit.pool.status.queue_depth;node=node-s;pool_name=default"]);
        var timers = await daemon.TimersAsync(timeout.Token);
        Assert.Equal(3, timers["dog.snakepit.python.call.stop.duration;node=node-s;pool_name=default;command=predict"].Length);
        Assert.Equal(0, counters["statsd.bad_lines_seen"]);
    }

    [Fact]
    public async Task The_daemon_going_away_and_coming_back_costs_the_application_nothing_but_the_lines_in_between()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var daemon = await StatsDDaemon.StartAsync(timeout.Token);
        using var exporter = new StatsDExporter(Options(daemon, StatsDFormat.Standard, "outage"));
        OnNode("node-o", () => SnakepitEvents.PoolWorkerSpawned(TimeSpan.FromMilliseconds(5), DateTimeOffset.UtcNow, "default", "w-1", "4242", WorkerMode.Process));
        exporter.Flush();
        await WaitForAsync(daemon, d => d.CountersAsync(timeout.Token), "outage.snakepit.pool.worker.spawned.count.node-o.default", timeout.Token);

        daemon.Dispose();
        for (var i = 0; i < 50 && exporter.SendErrors == 0; i++)
        {
            // Emitting goes on as if nothing happened; the refused sends are counted.
            SnakepitEvents.PoolWorkerSpawned(TimeSpan.FromMilliseconds(5), DateTimeOffset.UtcNow, "default", "w-1", "4242", WorkerMode.Process);
            exporter.Flush();
        }

        Assert.True(exporter.SendErrors > 0, "no send error while the daemon was down");
    }

    private static StatsDExporterOptions Options(StatsDDaemon daemon, StatsDFormat format, string prefix)
    {
        var options = new StatsDExporterOptions
        {
            Host = "127.0.0.1",
            Port = daemon.Port,
            Format = format,
            Prefix = prefix,
            FlushInterval = TimeSpan.FromHours(1),
        };
        options.MeterNames.Add(SnakepitEvents.MeterName);
        return options;
    }

    /// <summary>The guide's events, as a pool would emit them, on the node "node-s".</summary>
    private static void EmitTheGuidesEvents() => OnNode("node-s", () =>
        {
            SnakepitEvents.PoolStatus(availableWorkers: 1, busyWorkers: 3, queueDepth: 12, totalWorkers: 4, poolName: "default");
            foreach (var duration in Durations)
            {
                SnakepitEvents.PythonCallStop(duration, "default", "default_worker_1", "predict", "c-" + duration.Ticks, PythonCallStopResult.Success);
            }

            SnakepitEvents.PythonCallException(TimeSpan.FromMilliseconds(2), "default", "default_worker_2", "predict", "c-x", "KeyError", ErrorCategory.PythonError);
            SnakepitEvents.PoolWorkerSpawned(TimeSpan.FromMilliseconds(300), DateTimeOffset.UtcNow, "default", "default_worker_1", "4000", WorkerMode.Process);
            SnakepitEvents.PoolWorkerSpawned(TimeSpan.FromMilliseconds(310), DateTimeOffset.UtcNow, "default", "default_worker_2", "4001", WorkerMode.Process);
            SnakepitEvents.PoolWorkerRestarted(TimeSpan.FromMilliseconds(200), 1, "default", "default_worker_2", "4001", "4002", "segfault");
            SnakepitEvents.PythonMemorySampled(123_456_789, 987_654_321, DateTimeOffset.UtcNow, "default", "default_worker_1", 4000);
        });

    private static void OnNode(string node, Action emit)
    {
        var original = SnakepitEvents.CommonMetadata.Node;
        SnakepitEvents.CommonMetadata.Node = node;
        try
        {
            emit();
        }
        finally
        {
            SnakepitEvents.CommonMetadata.Node = original;
        }
    }

    /// <summary>Reads the daemon until <paramref name="key"/> shows (UDP arrives when it arrives), bounded by the token.</summary>
    private static async Task<Dictionary<string, double>> WaitForAsync(StatsDDaemon daemon, Func<StatsDDaemon, Task<Dictionary<string, double>>> read, string key, CancellationToken cancellationToken)
    {
        while (true)
        {
            var values = await read(daemon);
            if (values.ContainsKey(key))
            {
                return values;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The daemon never showed '{key}'. It has: {string.Join(", ", values.Keys)}\n{daemon.Output}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }
}
