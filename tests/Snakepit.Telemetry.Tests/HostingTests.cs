using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Snakepit.Telemetry.Events;
using Snakepit.Telemetry.Hosting;
using Snakepit.Telemetry.Tests.Annotated;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// The hosting package on <see cref="TelemetryHub.Default"/> (where generated emitters deliver): handlers for the host's
/// lifetime, settings from configuration with reload, failures in the host's log, and no silent second hub.
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class HostingTests : IDisposable
{
    public void Dispose()
    {
        TelemetryHub.Default.DetachAll();
        TelemetryConfiguration.Apply(new TelemetrySettings());
    }

    [Fact]
    public async Task Hosting_attaches_container_created_handlers_on_start_and_detaches_on_stop()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Counter>();
        services.AddSingleton<DrainControl>();
        services.AddTelemetryHandlers();
        using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();

        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        Assert.Equal(
            new[] { "annotated-background-writer", "annotated-everything", "annotated-needs-service", "annotated-nested", "hosting-draining", "hosting-stuck", "snakepit.hosting.failure-log" },
            TelemetryHub.Default.ListHandlers().Select(h => h.Id).OrderBy(x => x, StringComparer.Ordinal));

        SnakepitEvents.PoolStatus(1, 2, 3, 3, "default");
        Assert.Equal(1, provider.GetRequiredService<Counter>().Count);
        Assert.Same(provider.GetRequiredService<EverythingHandler>(), TelemetryHub.Default.ListHandlers().Single(h => h.Id == "annotated-everything").Handler);

        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        foreach (var service in hosted.OfType<IHostedLifecycleService>())
        {
            await service.StoppedAsync(CancellationToken.None);
        }

        Assert.Empty(TelemetryHub.Default.ListHandlers());
        Assert.Equal(3, provider.GetRequiredService<BackgroundWriter>().LastDepth);   // stopping let the background handler finish what was queued
    }

    [Fact]
    public async Task A_hub_other_than_Default_in_the_container_is_refused_at_start_instead_of_silently_cutting_handlers_off()
    {
        using var hub = new TelemetryHub();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(hub);
        builder.Services.AddSingleton<Counter>();
        builder.Services.AddTelemetryHandlers();
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Contains("Generated emitters deliver to TelemetryHub.Default only", refused.Message);
        Assert.Empty(hub.ListHandlers());
    }

    [Fact]
    public async Task Settings_come_from_configuration_and_follow_its_reloads()
    {
        var logs = new ListLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Snakepit:Telemetry:Enabled"] = "true",
            ["Snakepit:Telemetry:Exclude:0"] = "snakepit.pool.*",
            ["Snakepit:Telemetry:Sampling:high"] = "0.5",
        });
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddTelemetryConfiguration(builder.Configuration);
        using var host = builder.Build();
        TelemetryHub.Default.Attach<PoolStatus>("config-status", (in PoolStatus e) => { });

        await host.StartAsync();
        Assert.False(SnakepitEvents.IsPoolStatusEnabled);
        Assert.Equal(0.5, TelemetryConfiguration.Current.Sampling["high"]);

        var root = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        root["Snakepit:Telemetry:Exclude:0"] = "snakepit.grpc.*";
        root.Reload();
        Assert.True(SnakepitEvents.IsPoolStatusEnabled);

        root["Snakepit:Telemetry:Sampling:high"] = "lots";
        root.Reload();
        Assert.Equal(0.5, TelemetryConfiguration.Current.Sampling["high"]);
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("Snakepit:Telemetry:Sampling:high: 'lots' is not a sampling rate", warning.Message);

        await host.StopAsync();
    }

    [Fact]
    public async Task A_handler_failure_is_logged_as_a_warning_with_structured_fields()
    {
        var logs = new ListLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddTelemetryFailureLogging();
        using var host = builder.Build();
        await host.StartAsync();
        TelemetryHub.Default.Attach<PoolStatus>("failing-status", (in PoolStatus e) => throw new InvalidOperationException("broken handler"));

        SnakepitEvents.PoolStatus(1, 2, 3, 3, "default");

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal("failing-status", warning.Fields["HandlerId"]);
        Assert.Equal("snakepit.pool.status", warning.Fields["EventName"]);
        Assert.Equal("broken handler", warning.Exception?.Message);
        await host.StopAsync();
        Assert.Empty(TelemetryHub.Default.ListHandlers());
    }

    [Fact]
    public async Task A_failure_whose_exception_cannot_be_read_is_logged_and_the_logger_stays_attached()
    {
        var logs = new ListLoggerProvider { FormatsExceptions = true };
        using var host = await StartedHostAsync(logs, services => services.AddTelemetryFailureLogging());
        TelemetryHub.Default.Attach<PoolStatus>("hostile-status", (in PoolStatus e) => throw new TestCases.HostileException());
        TelemetryHub.Default.Attach<PythonCallStop>("plain-stops", (in PythonCallStop e) => throw new InvalidOperationException("plain"));

        SnakepitEvents.PoolStatus(1, 2, 3, 3, "default");
        SnakepitEvents.PythonCallStop(TimeSpan.FromMilliseconds(1), "default", "w", "c", "r", PythonCallStopResult.Success);

        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning).ToArray();
        Assert.Equal(new[] { "hostile-status", "plain-stops" }, warnings.Select(w => w.Fields["HandlerId"]));
        Assert.Contains("could not be read", (string)warnings[0].Fields["ExceptionMessage"]!);
        Assert.Contains(TelemetryHub.Default.ListHandlers(), h => h.Id == TelemetryFailureLoggerId);
        await host.StopAsync();
    }

    [Fact]
    public async Task An_error_a_component_reports_is_logged_as_kept_running_not_detached()
    {
        var logs = new ListLoggerProvider();
        using var host = await StartedHostAsync(logs, services => services.AddTelemetryFailureLogging());

        TelemetryHub.Default.ReportHandlerError("statsd-exporter", "statsd.send", new InvalidOperationException("no daemon"));

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("keeps running", warning.Message);
        Assert.DoesNotContain("detached", warning.Message);
        await host.StopAsync();
    }

    [Fact]
    public async Task Two_hosts_log_failures_each_and_stopping_one_never_silences_the_other()
    {
        var first = new ListLoggerProvider();
        var second = new ListLoggerProvider();
        using var one = await StartedHostAsync(first, services => services.AddTelemetryFailureLogging());
        using var two = await StartedHostAsync(second, services => services.AddTelemetryFailureLogging());
        TelemetryHub.Default.Attach<PoolStatus>("failing-status", (in PoolStatus e) => throw new InvalidOperationException("broken"));

        await one.StopAsync();
        SnakepitEvents.PoolStatus(1, 2, 3, 3, "default");

        Assert.DoesNotContain(first.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal("failing-status", Assert.Single(second.Entries, e => e.Level == LogLevel.Warning).Fields["HandlerId"]);
        await two.StopAsync();
        Assert.DoesNotContain(TelemetryHub.Default.ListHandlers(), h => h.Id.StartsWith(TelemetryFailureLoggerId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_background_handler_failing_while_the_host_drains_it_at_shutdown_is_logged()
    {
        var logs = new ListLoggerProvider();
        var control = new DrainControl { FailWhileDraining = true };
        using var host = await StartedHostAsync(logs, services =>
        {
            services.AddSingleton(control);
            services.AddTelemetryHandler<DrainingHandler>();
        });

        // Held in a call with three events queued behind it: the host's stop drains them, and the first fails.
        SnakepitEvents.PoolStatus(1, 1, 0, 2, "drain");
        control.Held.WaitEntered();
        for (var depth = 1; depth <= 3; depth++)
        {
            SnakepitEvents.PoolStatus(1, 1, depth, 2, "drain");
        }

        var stopping = host.StopAsync();
        control.Held.Release();
        await stopping;

        Assert.Equal(new long[] { 1 }, control.Drained);
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal("hosting-draining", warning.Fields["HandlerId"]);
        Assert.Empty(TelemetryHub.Default.ListHandlers());
    }

    [Fact]
    public async Task At_shutdown_handlers_drain_side_by_side_so_a_stuck_one_leaves_the_others_their_time()
    {
        var control = new DrainControl();
        using var host = await StartedHostAsync(new ListLoggerProvider(), services =>
        {
            services.AddSingleton(control);
            services.AddTelemetryHandler<StuckHandler>();      // attached first: drained first, one after another
            services.AddTelemetryHandler<DrainingHandler>();
        });
        SnakepitEvents.PythonCallStop(TimeSpan.FromMilliseconds(1), "default", "w", "stuck", "r", PythonCallStopResult.Success);
        control.Stuck.WaitEntered();
        SnakepitEvents.PoolStatus(1, 1, 0, 2, "drain");
        control.Held.WaitEntered();
        for (var depth = 1; depth <= 5; depth++)
        {
            SnakepitEvents.PoolStatus(1, 1, depth, 2, "drain");
        }

        using var shutdown = new CancellationTokenSource();
        var stopping = host.StopAsync(shutdown.Token);

        // While the stuck handler holds its drain, the other is detached and drained too.
        Assert.True(SpinWait.SpinUntil(() => TelemetryHub.Default.ListHandlers().All(h => h.Id != "hosting-draining"), TimeSpan.FromSeconds(30)), "the second handler waits for the stuck one to be drained");
        control.Held.Release();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(control.DrainedSignal.Wait(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, control.Drained);
        control.Stuck.Release();
        await stopping;
        Assert.Empty(TelemetryHub.Default.ListHandlers());
    }

    [Fact]
    public async Task A_reload_with_a_value_too_large_keeps_the_settings_and_logs_a_warning()
    {
        var logs = new ListLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Snakepit:Telemetry:SlowHandlerThresholdMs"] = "2" });
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddTelemetryConfiguration(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        var root = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();

        foreach (var value in new[] { "1e300", "Infinity", "NaN", "-0", "lots", "99999999999999999999999999" })
        {
            root["Snakepit:Telemetry:SlowHandlerThresholdMs"] = value;
            var thrown = Record.Exception(root.Reload);

            Assert.Null(thrown);
            Assert.Equal(TimeSpan.FromMilliseconds(2), TelemetryConfiguration.Current.SlowHandlerThreshold);
        }

        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToArray();
        Assert.Equal(6, warnings.Length);
        Assert.Contains(warnings, w => w.Contains("Snakepit:Telemetry:SlowHandlerThresholdMs: '1e300' milliseconds is longer than the longest threshold", StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.Contains("Snakepit:Telemetry:SlowHandlerThresholdMs", w));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_reload_that_leaves_the_section_as_it_was_keeps_settings_applied_in_code()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Snakepit:Telemetry:Sampling:high"] = "0.5",
            ["Unrelated:Key"] = "1",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddTelemetryConfiguration(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        var root = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();

        var inCode = new TelemetrySettings();
        inCode.Exclude.Add("snakepit.grpc.*");
        TelemetryConfiguration.Apply(inCode);
        root["Unrelated:Key"] = "2";
        root.Reload();

        Assert.Equal(new[] { "snakepit.grpc.*" }, TelemetryConfiguration.Current.Exclude);
        Assert.Empty(TelemetryConfiguration.Current.Sampling);

        root["Snakepit:Telemetry:Sampling:high"] = "0.25";
        root.Reload();
        Assert.Equal(0.25, TelemetryConfiguration.Current.Sampling["high"]);
        await host.StopAsync();
    }

    private const string TelemetryFailureLoggerId = "snakepit.hosting.failure-log";

    private static async Task<IHost> StartedHostAsync(ListLoggerProvider logs, Action<IServiceCollection> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs);
        configure(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
