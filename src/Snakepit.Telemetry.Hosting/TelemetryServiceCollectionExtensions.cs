using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Snakepit.Telemetry.Hosting;

/// <summary>Telemetry settings from configuration, and handler failures in the host's logs.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Applies the <c>Snakepit:Telemetry</c> section of <paramref name="configuration"/> (master switch, exclusions,
    /// sampling: <see cref="TelemetrySettingsReader"/>) when the host starts, and again whenever the configuration
    /// reloads (appsettings.json edited, say), without a restart. Also logs handler failures as warnings.
    /// </summary>
    public static IServiceCollection AddTelemetryConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        if (services is null || configuration is null)
        {
            throw new ArgumentNullException(services is null ? nameof(services) : nameof(configuration));
        }

        services.AddSingleton(new TelemetryConfigurationSource(configuration.GetSection(TelemetrySettingsReader.SectionName)));
        services.AddTelemetryFailureLogging();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TelemetryConfigurationService>());
        return services;
    }

    /// <summary>
    /// Logs every handler failure (<c>telemetry.handler.failure</c>) through the host's <c>ILogger</c> as a warning
    /// with the handler id, event name and exception, for as long as the host runs. Handler registrations
    /// (<c>AddTelemetryHandlers</c>) include it.
    /// </summary>
    public static IServiceCollection AddTelemetryFailureLogging(this IServiceCollection services)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        services.TryAddSingleton<TelemetryFailureLogger>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TelemetryFailureLoggingService>());
        return services;
    }
}
