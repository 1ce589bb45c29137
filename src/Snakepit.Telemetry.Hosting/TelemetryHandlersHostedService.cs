using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Snakepit.Telemetry.Hosting;

/// <summary>
/// Attaches the registered handlers when the host starts and detaches them when it stops, letting background handlers
/// handle what is queued first (within the host's shutdown timeout), while the container's services they use are
/// still alive.
/// </summary>
internal sealed class TelemetryHandlersHostedService : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly IEnumerable<TelemetryHandlerRegistration> _registrations;
    private readonly List<string> _attached = new();

    public TelemetryHandlersHostedService(IServiceProvider services, IEnumerable<TelemetryHandlerRegistration> registrations)
    {
        _services = services;
        _registrations = registrations;
    }

    /// <summary>
    /// Always <see cref="TelemetryHub.Default"/>: the generated emitters deliver there and nowhere else. A different hub
    /// registered in the container would silently cut the handlers off from every emitter, so it is refused.
    /// </summary>
    private TelemetryHub Hub
    {
        get
        {
            var registered = _services.GetService<TelemetryHub>();
            if (registered is not null && !ReferenceEquals(registered, TelemetryHub.Default))
            {
                throw new InvalidOperationException(
                    "A TelemetryHub other than TelemetryHub.Default is registered in the container. Generated emitters deliver to " +
                    "TelemetryHub.Default only, so handlers attached to that hub would never receive their events. Remove the " +
                    "registration, or register TelemetryHub.Default (services.AddSingleton(TelemetryHub.Default)).");
            }

            return TelemetryHub.Default;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var hub = Hub;
        try
        {
            foreach (var registration in _registrations)
            {
                var handler = (ITelemetryHandlerWiring)_services.GetRequiredService(registration.HandlerType);
                hub.Attach(handler);
                _attached.Add(handler.HandlerId);
            }
        }
        catch
        {
            Detach(hub);
            throw;
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var hub = Hub;

        // All at once, each bounded by the host's shutdown token: one handler that is slow to drain does not leave the
        // others undrained. What is still queued when the token fires is dropped and counted.
        var draining = new List<Task>(_attached.Count);
        foreach (var id in _attached)
        {
            draining.Add(hub.DetachAsync(id, Timeout.InfiniteTimeSpan, cancellationToken));
        }

        _attached.Clear();
        await Task.WhenAll(draining).ConfigureAwait(false);
    }

    private void Detach(TelemetryHub hub)
    {
        foreach (var id in _attached)
        {
            hub.Detach(id);
        }

        _attached.Clear();
    }
}
