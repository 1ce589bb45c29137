using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Snakepit.Telemetry.Hosting;

/// <summary>
/// Attaches <see cref="TelemetryFailureLogger"/> to <see cref="TelemetryHub.Default"/> while the host runs: from the
/// start of the host until every hosted service has stopped (<see cref="IHostedLifecycleService.StoppedAsync"/>), so
/// that failures of background handlers draining at shutdown are logged too. Each host attaches its own logger under
/// an id of its own: stopping one host never silences another's. A host that calls only StartAsync and StopAsync has
/// it detached in StopAsync; a host whose start failed (it never stops) has it detached when its container is disposed.
/// </summary>
internal sealed class TelemetryFailureLoggingService : IHostedLifecycleService, IDisposable
{
    private readonly TelemetryFailureLogger _logger;
    private string? _attachedId;

    // Set when the host calls the lifecycle callbacks: then StoppedAsync detaches, not StopAsync.
    private volatile bool _lifecycle;

    public TelemetryFailureLoggingService(TelemetryFailureLogger logger) => _logger = logger;

    /// <summary>The id this host's logger is attached under (for tests and <c>ListHandlers</c>).</summary>
    internal string? AttachedId => _attachedId;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _lifecycle = true;
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

    // Not in StopAsync when the host calls StoppedAsync: other hosted services (the handlers' own, which drains
    // background handlers) stop after or beside this one, and their failures must still be logged. A host without the
    // lifecycle callbacks stops services in reverse order of registration, and this one is registered before the
    // handlers' service: it stops after they drained.
    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_lifecycle)
        {
            Detach();
        }

        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        Detach();
        return Task.CompletedTask;
    }

    /// <summary>The container is disposed: a host that failed to start (and so never stops) leaves nothing attached.</summary>
    public void Dispose() => Detach();

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
