using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Snakepit.Telemetry.Hosting;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>The failure logger a host attaches to the process-wide hub must not outlive the host.</summary>
[Collection(DefaultHubCollection.Name)]
public sealed class HostingFailureLoggerLifetimeTests : IDisposable
{
    private const string FailureLogId = "snakepit.hosting.failure-log";

    public void Dispose()
    {
        TelemetryHub.Default.DetachAll();
        TelemetryConfiguration.Apply(new TelemetrySettings());
    }

    private static string[] FailureLoggers() =>
        TelemetryHub.Default.ListHandlers().Select(h => h.Id).Where(id => id.StartsWith(FailureLogId, StringComparison.Ordinal)).ToArray();

    /// <summary>
    /// A host whose start fails (here: invalid settings, which the configuration service refuses at start) never calls
    /// StoppedAsync; the logger attached in StartingAsync, before any StartAsync, stays on TelemetryHub.Default after
    /// the host is disposed, with the disposed host's logger. (Before the change it was attached in StartAsync, after
    /// the configuration service's, which threw first.)
    /// </summary>
    [Fact]
    public async Task A_host_whose_start_fails_leaves_no_failure_logger_attached_once_disposed()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Snakepit:Telemetry:Sampling:high"] = "lots" });
        builder.Logging.ClearProviders();
        builder.Services.AddTelemetryConfiguration(builder.Configuration);
        using (var host = builder.Build())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        }

        Assert.Empty(FailureLoggers());
    }

    /// <summary>
    /// A host that calls only StartAsync and StopAsync (one that does not know IHostedLifecycleService, which the
    /// service says it supports by attaching in StartAsync too) never detaches the logger: it stays attached to the
    /// process-wide hub, and every later host takes the next id.
    /// </summary>
    [Fact]
    public async Task A_host_without_lifecycle_callbacks_detaches_the_failure_logger_when_it_stops()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTelemetryFailureLogging();
        using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();

        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        Assert.Equal(new[] { FailureLogId }, FailureLoggers());

        foreach (var service in Enumerable.Reverse(hosted))
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.Empty(FailureLoggers());
    }
}
