using System;
using System.Collections.Generic;
using System.Linq;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// The settings generated emitters follow: master switch, exclusions, sampling by event, prefix and frequency class;
/// handlers and metrics honour them alike; changes apply on the next emit. Process-wide, so one test at a time.
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class ConfigurationTests : IDisposable
{
    private readonly List<string> _seen = new();

    public ConfigurationTests()
    {
        TelemetryHub.Default.Attach("config-all", new NameRecorder(_seen));
    }

    public void Dispose()
    {
        TelemetryHub.Default.Detach("config-all");
        TelemetryConfiguration.Apply(new TelemetrySettings());
    }

    [Fact]
    public void The_master_switch_stops_every_emitter_and_handlers_and_metrics_see_nothing()
    {
        using var metrics = new MeasurementRecorder("snakepit");
        TelemetryConfiguration.Apply(new TelemetrySettings { Enabled = false });

        Assert.False(SnakepitEvents.IsPoolStatusEnabled);
        SnakepitEvents.PoolStatus(1, 1, 1, 2, "switched-off");
        SnakepitEvents.StartPythonCall("switched-off", "w", "c", "id").Stop(PythonCallStopResult.Success);
        Assert.Empty(_seen);
        Assert.Empty(metrics.Of("snakepit.pool.status.queue_depth"));

        TelemetryConfiguration.Apply(new TelemetrySettings { Enabled = true });
        Assert.True(SnakepitEvents.IsPoolStatusEnabled);
        SnakepitEvents.PoolStatus(1, 1, 1, 2, "switched-on");
        Assert.Equal(new[] { "snakepit.pool.status" }, _seen);
        Assert.Single(metrics.Of("snakepit.pool.status.queue_depth"));
    }

    [Fact]
    public void Exclusions_by_name_and_prefix_drop_those_events_only()
    {
        var settings = new TelemetrySettings();
        settings.Exclude.Add("snakepit.pool.*");
        settings.Exclude.Add("myapp.cache.lookup");
        TelemetryConfiguration.Apply(settings);

        SnakepitEvents.PoolStatus(1, 1, 1, 2, "excluded");
        SnakepitEvents.PoolWorkerRestarted(TimeSpan.Zero, 1, "p", "w", "1", "2", "r");
        MyappEvents.CacheLookup(TimeSpan.Zero, "k", hit: true);
        SnakepitEvents.PythonCallStop(TimeSpan.Zero, "p", "w", "c", "id", PythonCallStopResult.Success);
        MyappEvents.RequestStop(TimeSpan.Zero, "u", RequestStopRequestType.Predict, RequestStopResult.Success);

        Assert.False(SnakepitEvents.IsPoolStatusEnabled);
        Assert.True(SnakepitEvents.IsPythonCallStopEnabled);
        Assert.Equal(new[] { "snakepit.python.call.stop", "myapp.request.stop" }, _seen);
    }

    [Fact]
    public void Sampling_keeps_about_the_rate_and_zero_and_one_are_exact()
    {
        var settings = new TelemetrySettings();
        settings.Sampling["snakepit.pool.status"] = 0.25;
        settings.Sampling["snakepit.pool.worker.*"] = 0;
        settings.Sampling["myapp.cache.lookup"] = 1;
        TelemetryConfiguration.Apply(settings);

        for (var i = 0; i < 20_000; i++)
        {
            SnakepitEvents.PoolStatus(1, 1, 1, 2, "sampled");
            SnakepitEvents.PoolWorkerRestarted(TimeSpan.Zero, 1, "p", "w", "1", "2", "r");
            MyappEvents.CacheLookup(TimeSpan.Zero, "k", hit: true);
        }

        var kept = _seen.Count(n => n == "snakepit.pool.status");
        Assert.InRange(kept, 4_000, 6_000);
        Assert.DoesNotContain("snakepit.pool.worker.restarted", _seen);
        Assert.Equal(20_000, _seen.Count(n => n == "myapp.cache.lookup"));
    }

    [Fact]
    public void A_frequency_class_samples_its_events_and_a_more_specific_key_wins()
    {
        var settings = new TelemetrySettings();
        settings.Sampling["high"] = 0;
        settings.Sampling["snakepit.grpc.*"] = 1;
        TelemetryConfiguration.Apply(settings);

        SnakepitEvents.PythonCallStop(TimeSpan.Zero, "p", "w", "c", "id", PythonCallStopResult.Success);       // high: dropped
        SnakepitEvents.GrpcCallStop(TimeSpan.Zero, "w", "m", "id", "OK");                                      // high, but the prefix wins
        SnakepitEvents.PoolStatus(1, 1, 1, 2, "low");                                                           // low: kept

        Assert.Equal(new[] { "snakepit.grpc.call.stop", "snakepit.pool.status" }, _seen);
    }

    [Fact]
    public void A_span_is_sampled_at_its_start_so_its_end_follows_its_start()
    {
        var settings = new TelemetrySettings();
        settings.Sampling["snakepit.python.call.*"] = 0.5;
        TelemetryConfiguration.Apply(settings);

        for (var i = 0; i < 2_000; i++)
        {
            var call = SnakepitEvents.StartPythonCall("p", "w", "c", "id");
            if (i % 2 == 0)
            {
                call.Stop(PythonCallStopResult.Success);
            }
            else
            {
                call.Exception("E", ErrorCategory.Timeout);
            }
        }

        var starts = _seen.Count(n => n == "snakepit.python.call.start");
        Assert.InRange(starts, 800, 1_200);
        Assert.Equal(starts, _seen.Count(n => n is "snakepit.python.call.stop" or "snakepit.python.call.exception"));
    }

    [Fact]
    public void Current_reads_back_what_was_applied_and_invalid_settings_are_refused()
    {
        var settings = new TelemetrySettings { Enabled = true };
        settings.Exclude.Add("snakepit.grpc.*");
        settings.Sampling["high"] = 0.1;
        TelemetryConfiguration.Apply(settings);
        Assert.Equal(new[] { "snakepit.grpc.*" }, TelemetryConfiguration.Current.Exclude);
        Assert.Equal(0.1, TelemetryConfiguration.Current.Sampling["high"]);

        var badPattern = new TelemetrySettings();
        badPattern.Exclude.Add("snakepit..pool");
        Assert.Throws<ArgumentException>(() => TelemetryConfiguration.Apply(badPattern));
        var badRate = new TelemetrySettings();
        badRate.Sampling["high"] = 1.5;
        Assert.Contains("from 0 (none) to 1 (all)", Assert.Throws<ArgumentException>(() => TelemetryConfiguration.Apply(badRate)).Message);
        var badKey = new TelemetrySettings();
        badKey.Sampling["often"] = 0.5;
        Assert.Contains("neither a frequency class", Assert.Throws<ArgumentException>(() => TelemetryConfiguration.Apply(badKey)).Message);

        Assert.Equal(new[] { "snakepit.grpc.*" }, TelemetryConfiguration.Current.Exclude);
    }

    private sealed class NameRecorder : ITelemetryHandler
    {
        private readonly List<string> _names;

        public NameRecorder(List<string> names) => _names = names;

        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent => _names.Add(e.EventName);
    }
}
