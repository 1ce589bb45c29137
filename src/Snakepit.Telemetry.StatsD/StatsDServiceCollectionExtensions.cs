using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Snakepit.Telemetry.StatsD;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="StatsDExporter"/> for the lifetime of a host.</summary>
public static class StatsDServiceCollectionExtensions
{
    /// <summary>
    /// Sends the configured Meters to StatsD while the host runs, with the options of the <c>Snakepit:StatsD</c> section
    /// of <paramref name="configuration"/> (<see cref="StatsDOptionsReader"/> lists the keys). Bad values fail the
    /// host's start, naming the key. Send failures go to the runtime's failure channel: add
    /// <c>AddTelemetryFailureLogging()</c> (Snakepit.Telemetry.Hosting) to see them in the host's log.
    /// </summary>
    public static IServiceCollection AddStatsDExporter(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        var section = configuration.GetSection(StatsDOptionsReader.SectionName);
        return services.AddStatsDExporter(_ => StatsDOptionsReader.Read(section));
    }

    /// <summary>Sends while the host runs, with options made in code.</summary>
    public static IServiceCollection AddStatsDExporter(this IServiceCollection services, Action<StatsDExporterOptions> configure)
    {
        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        return services.AddStatsDExporter(_ =>
        {
            var options = new StatsDExporterOptions();
            configure(options);
            return options;
        });
    }

    private static IServiceCollection AddStatsDExporter(this IServiceCollection services, Func<IServiceProvider, StatsDExporterOptions> options)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        services.TryAddSingleton(provider => new StatsDExporter(options(provider)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StatsDExporterService>());
        return services;
    }
}
