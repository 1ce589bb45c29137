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
        services.AddTelemetryHandlers();
        using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();

        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        Assert.Equal(
            new[] { "annotated-background-writer", "annotated-everything", "annotated-needs-service", "annotated-nested", "snakepit.hosting.failure-log" },
            TelemetryHub.Default.ListHandlers().Select(h => h.Id).OrderBy(x => x, StringComparer.Ordinal));

        SnakepitEvents.PoolStatus(1, 2, 3, 3, "default");
        Assert.Equal(1, provider.GetRequiredService<Counter>().Count);
        Assert.Same(provider.GetRequiredService<EverythingHandler>(), TelemetryHub.Default.ListHandlers().Single(h => h.Id == "annotated-everything").Handler);

        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
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
}
