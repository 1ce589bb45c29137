using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Snakepit.Telemetry.Hosting;

/// <summary>
/// Applies <c>Snakepit:Telemetry</c> when the host starts (invalid settings stop the start, with the reason), and
/// again at every reload of the configuration, without a restart (invalid settings then keep the previous ones and
/// log a warning).
/// </summary>
internal sealed class TelemetryConfigurationService : IHostedService, IDisposable
{
    private readonly IConfiguration _section;
    private readonly ILogger<TelemetryConfigurationService> _logger;
    private IDisposable? _subscription;

    public TelemetryConfigurationService(TelemetryConfigurationSource source, ILogger<TelemetryConfigurationService> logger)
    {
        _section = source.Section;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        TelemetryConfiguration.Apply(TelemetrySettingsReader.Read(_section));
        _subscription = ChangeToken.OnChange(_section.GetReloadToken, Reload);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }

    private void Reload()
    {
        try
        {
            TelemetryConfiguration.Apply(TelemetrySettingsReader.Read(_section));
            _logger.LogInformation("Snakepit telemetry settings reloaded from {Section}.", TelemetrySettingsReader.SectionName);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            _logger.LogWarning(ex, "Snakepit telemetry settings in {Section} are invalid and were not applied; the previous settings stay in force: {Reason}", TelemetrySettingsReader.SectionName, ex.Message);
        }
    }
}
