using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Snakepit.Telemetry.Hosting;

/// <summary>
/// Attaches <see cref="TelemetryFailureLogger"/> to <see cref="TelemetryHub.Default"/> while the host runs: from the
/// start of the host until every hosted service has stopped (<see cref="IHostedLifecycleService.StoppedAsync"/>), so
/// that failures of background handlers draining at shutdown are logged too. Each host attaches its own logger under
/// an id of its own: stopping one host never silences another's.
/// </summary>
internal sealed class TelemetryFailureLoggingService : IHostedLifecycleService
{
    private readonly TelemetryFailureLogger _logger;
    private string? _attachedId;

    public TelemetryFailureLoggingService(TelemetryFailureLogger logger) => _logger = logger;

    /// <summary>The id this host's logger is attached under (for tests and <c>ListHandlers</c>).</summary>
    internal string? AttachedId => _attachedId;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        Attach();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A host that does not know IHostedLifecycleService (before Microsoft.Extensions.Hosting 8) starts here.
        Attach();
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Not in StopAsync: other hosted services (the handlers' own, which drains background handlers) stop after or
    // beside this one, and their failures must still be logged.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        Detach();
        return Task.CompletedTask;
    }

    private void Attach()
    {
        if (_attachedId is not null)
        {
            return;
        }

        for (var instance = 1; ; instance++)
        {
            var id = instance == 1 ? TelemetryFailureLogger.HandlerId : TelemetryFailureLogger.HandlerId + "/" + instance;
            try
            {
                TelemetryHub.Default.Attach(id, _logger);
                _attachedId = id;
                return;
            }
            catch (InvalidOperationException)
            {
                // Another host's logger has this id: take the next.
            }
        }
    }

    private void Detach()
    {
        if (Interlocked.Exchange(ref _attachedId, null) is { } id)
        {
            TelemetryHub.Default.Detach(id);
        }
    }
}
