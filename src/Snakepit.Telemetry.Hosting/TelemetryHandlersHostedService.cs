using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Snakepit.Telemetry.Hosting;

/// <summary>Attaches the registered handlers when the host starts and detaches them when it stops.</summary>
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

    private TelemetryHub Hub => _services.GetService<TelemetryHub>() ?? TelemetryHub.Default;

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

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Detach(Hub);
        return Task.CompletedTask;
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
