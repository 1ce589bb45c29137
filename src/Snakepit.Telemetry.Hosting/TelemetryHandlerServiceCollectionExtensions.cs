using System;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Snakepit.Telemetry.Hosting;

/// <summary>
/// Registers <c>[TelemetryHandler]</c> classes with the container and attaches them for the lifetime of the host.
/// The generator calls <see cref="AddTelemetryHandler{THandler}"/> for each class of an assembly from the
/// generated <c>services.AddTelemetryHandlers()</c>.
/// </summary>
public static class TelemetryHandlerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="THandler"/> as a singleton (created by the container, so its constructor may take
    /// services) and attaches it to <see cref="TelemetryHub.Default"/> (where generated emitters deliver) when the host
    /// starts, detaching it when the host stops. A different <see cref="TelemetryHub"/> registered in the container is
    /// refused at start, since handlers attached to it would never receive an event. Handler failures are logged.
    /// </summary>
    public static IServiceCollection AddTelemetryHandler<
#if NET
        [System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)]
#endif
        THandler>(this IServiceCollection services)
        where THandler : class, ITelemetryHandlerWiring
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        services.TryAddSingleton<THandler>();
        var registration = new TelemetryHandlerRegistration(typeof(THandler));
        if (!services.Any(d => d.ServiceType == typeof(TelemetryHandlerRegistration) && registration.Equals(d.ImplementationInstance)))
        {
            services.AddSingleton(registration);
        }

        // The failure log first: it is attached before the handlers and detached after they drained.
        services.AddTelemetryFailureLogging();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TelemetryHandlersHostedService>());
        return services;
    }
}
