using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;
using Snakepit.Telemetry.Tests.Annotated;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>[TelemetryHandler] classes: generated wiring, AttachAll/DetachAll, and the hosting integration.</summary>
public class AnnotatedHandlerTests
{
    private readonly TelemetryHub _hub = new();

    [Fact]
    public void Generated_wiring_binds_interfaces_typed_methods_by_value_methods_and_prefixes()
    {
        var handler = new EverythingHandler();
        _hub.Attach(handler);

        _hub.Emit(Events.Status());
        _hub.Emit(Events.Stop("predict"));
        _hub.Emit(Events.Lookup("k1"));
        _hub.Emit(new SessionCreated(DateTimeOffset.UtcNow, "s-1", "default"));
        _hub.Emit(new RequestStart(DateTimeOffset.UtcNow, "u-1", RequestStartRequestType.Forward));
        _hub.Emit(new PoolQueueTimeout(TimeSpan.Zero, 1, "default", 100, "c-1"));

        Assert.Equal(
            new[] { "interface snakepit.pool.status", "method predict", "by-value k1", "prefix snakepit.session.created", "prefix myapp.request.start" },
            handler.Seen);
        var info = Assert.Single(_hub.ListHandlers());
        Assert.Equal("annotated-everything", info.Id);
        Assert.Same(handler, info.Handler);
        Assert.Equal("annotated-everything", EverythingHandler.TelemetryHandlerId);
    }

    [Fact]
    public void AttachAll_creates_the_classes_with_a_parameterless_constructor_and_DetachAll_removes_them()
    {
        var attached = TelemetryHandlers.AttachAll(_hub);

        Assert.Equal(new[] { "annotated-background-writer", "annotated-everything", "annotated-nested" }, attached.Select(h => h.HandlerId).OrderBy(x => x));
        Assert.Equal(new[] { "annotated-background-writer", "annotated-everything", "annotated-nested" }, _hub.ListHandlers().Select(h => h.Id).OrderBy(x => x));
        Assert.Contains("annotated-needs-service", TelemetryHandlers.HandlerIds);

        _hub.Emit(new NeverEmitted(1));
        Assert.Equal(1, attached.OfType<Outer.NestedHandler>().Single().Calls);

        TelemetryHandlers.DetachAll(_hub);
        Assert.Empty(_hub.ListHandlers());
    }

    [Fact]
    public void AttachAll_is_all_or_nothing()
    {
        _hub.Attach<PoolStatus>("annotated-nested", (in PoolStatus e) => { });
        Assert.Throws<InvalidOperationException>(() => TelemetryHandlers.AttachAll(_hub));
        Assert.Equal(new[] { "annotated-nested" }, _hub.ListHandlers().Select(h => h.Id));
    }

    [Fact]
    public async Task Hosting_attaches_container_created_handlers_on_start_and_detaches_on_stop()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_hub);
        services.AddSingleton<Counter>();
        services.AddTelemetryHandlers();
        using var provider = services.BuildServiceProvider();

        var hosted = provider.GetServices<IHostedService>().ToList();
        Assert.Single(hosted);
        Assert.Empty(_hub.ListHandlers());

        await hosted[0].StartAsync(CancellationToken.None);
        Assert.Equal(
            new[] { "annotated-background-writer", "annotated-everything", "annotated-needs-service", "annotated-nested" },
            _hub.ListHandlers().Select(h => h.Id).OrderBy(x => x));

        _hub.Emit(Events.Status());
        Assert.Equal(1, provider.GetRequiredService<Counter>().Count);
        Assert.Same(provider.GetRequiredService<EverythingHandler>(), _hub.ListHandlers().Single(h => h.Id == "annotated-everything").Handler);

        await hosted[0].StopAsync(CancellationToken.None);
        Assert.Empty(_hub.ListHandlers());

        // Stopping let the background handler finish what was queued for it, instead of dropping it.
        Assert.Equal(3, provider.GetRequiredService<BackgroundWriter>().LastDepth);
    }

    [Fact]
    public async Task Generic_host_runs_the_handlers_for_its_lifetime()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(_hub);
        builder.Services.AddSingleton<Counter>();
        builder.Services.AddTelemetryHandlers();
        using var host = builder.Build();

        await host.StartAsync();
        Assert.Equal(4, _hub.ListHandlers().Count);
        await host.StopAsync();
        Assert.Empty(_hub.ListHandlers());
    }
}
