using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Snakepit.Telemetry.Hosting;

/// <summary>Attaches <see cref="TelemetryFailureLogger"/> to <see cref="TelemetryHub.Default"/> while the host runs.</summary>
internal sealed class TelemetryFailureLoggingService : IHostedService
{
    private readonly TelemetryFailureLogger _logger;

    public TelemetryFailureLoggingService(TelemetryFailureLogger logger) => _logger = logger;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        TelemetryHub.Default.Detach(TelemetryFailureLogger.HandlerId);
        TelemetryHub.Default.Attach(TelemetryFailureLogger.HandlerId, _logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        TelemetryHub.Default.Detach(TelemetryFailureLogger.HandlerId);
        return Task.CompletedTask;
    }
}
