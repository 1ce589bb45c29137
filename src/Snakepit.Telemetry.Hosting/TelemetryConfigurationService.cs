using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Snakepit.Telemetry.Hosting;

/// <summary>
/// Applies <c>Snakepit:Telemetry</c> when the host starts (invalid settings stop the start, with the reason), and
/// again whenever that section changes, without a restart: a reload that leaves the section as it was applies
/// nothing (settings applied in code since stay in force), and invalid settings keep the previous ones and log a
/// warning, whatever the value.
/// </summary>
internal sealed class TelemetryConfigurationService : IHostedService, IDisposable
{
    private readonly IConfiguration _section;
    private readonly ILogger<TelemetryConfigurationService> _logger;
    private readonly object _gate = new();
    private IDisposable? _subscription;
    private string? _applied;
    private string? _rejected;

    public TelemetryConfigurationService(TelemetryConfigurationSource source, ILogger<TelemetryConfigurationService> logger)
    {
        _section = source.Section;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var contents = Contents(_section);
            TelemetryConfiguration.Apply(TelemetrySettingsReader.Read(_section));
            _applied = contents;
        }

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

    /// <summary>The section's keys and values, in order: what a reload must change for the settings to be applied again.</summary>
    private static string Contents(IConfiguration section) =>
        string.Join("\n", section.AsEnumerable(makePathsRelative: true)
            .OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
            .Select(pair => pair.Key + "=" + pair.Value));

    private void Reload()
    {
        // A reload token fires for every reload of the configuration, whichever key changed.
        lock (_gate)
        {
            string? contents = null;
            try
            {
                contents = Contents(_section);
                if (contents == _applied || contents == _rejected)
                {
                    // Unchanged since it was applied (or refused, and said so once).
                    return;
                }

                TelemetryConfiguration.Apply(TelemetrySettingsReader.Read(_section));
                _applied = contents;
                _rejected = null;
                _logger.LogInformation("Snakepit telemetry settings reloaded from {Section}.", TelemetrySettingsReader.SectionName);
            }
            catch (Exception ex)
            {
                // Whatever the value (too large, malformed, a provider that fails): the reload that triggered this must
                // not see it, and the previous settings stay.
                _rejected = contents;
                LogInvalid(ex);
            }
        }
    }

    private void LogInvalid(Exception ex)
    {
        try
        {
            _logger.LogWarning(ex, "Snakepit telemetry settings in {Section} are invalid and were not applied; the previous settings stay in force: {Reason}", TelemetrySettingsReader.SectionName, ExceptionMessage(ex));
        }
        catch (Exception)
        {
            // A logging provider failed: the settings in force stay, whether or not this was logged.
        }
    }

    private static string ExceptionMessage(Exception ex)
    {
        try
        {
            return ex.Message;
        }
        catch (Exception)
        {
            return ex.GetType().FullName ?? ex.GetType().Name;
        }
    }
}
