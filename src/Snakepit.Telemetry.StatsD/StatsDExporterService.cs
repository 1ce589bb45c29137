using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Snakepit.Telemetry.StatsD;

/// <summary>Creates the container's <see cref="StatsDExporter"/> when the host starts (so it listens from then on) and flushes it when the host stops; the container disposes it.</summary>
internal sealed class StatsDExporterService : IHostedService
{
    private readonly StatsDExporter _exporter;

    public StatsDExporterService(StatsDExporter exporter) => _exporter = exporter;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _exporter.Flush();
        return Task.CompletedTask;
    }
}
