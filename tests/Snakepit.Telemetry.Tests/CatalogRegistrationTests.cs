using MyApp.Telemetry;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// Catalogs register generated binders from module initializers, so binding an object's handler interfaces is plain
/// type tests, without reflection (what Native AOT needs): Snakepit's catalog (in the runtime) and the app's own.
/// </summary>
public sealed class CatalogRegistrationTests
{
    [Fact]
    public void Generated_binders_of_both_catalogs_bind_every_interface_an_object_implements()
    {
        var builder = new TelemetryHandlerBuilder("binders", new object());
        TelemetryCatalogs.Bind(new Both(), builder);

        Assert.True(builder.Binds<PoolStatus>());
        Assert.True(builder.Binds<RequestStop>());
        Assert.True(builder.Binds<TelemetryHandlerFailure>());
        Assert.False(builder.Binds<PythonCallStop>());
        Assert.Equal(3, builder.Events.Count);
    }

    [Fact]
    public void A_binder_registered_twice_is_kept_once()
    {
        var calls = 0;
        TelemetryInterfaceBinder binder = (handler, builder) =>
        {
            if (handler is Marker)
            {
                calls++;
            }
        };
        TelemetryCatalogs.Register(binder);
        TelemetryCatalogs.Register(binder);

        TelemetryCatalogs.Bind(new Marker(), new TelemetryHandlerBuilder("marker", new object()));
        Assert.Equal(1, calls);
    }

    private sealed class Marker
    {
    }

    private sealed class Both : IPoolStatusHandler, IRequestStopHandler, ITelemetryHandlerFailureHandler
    {
        public void Handle(in PoolStatus e)
        {
        }

        public void Handle(in RequestStop e)
        {
        }

        public void Handle(in TelemetryHandlerFailure e)
        {
        }
    }
}
