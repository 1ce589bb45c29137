using System;
using System.Linq;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;
using Snakepit.Telemetry.Tests.Annotated;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>[TelemetryHandler] classes: generated wiring and AttachAll/DetachAll, on a hub of the test's own.</summary>
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
    public void An_annotated_class_attached_by_hand_under_an_id_of_the_callers_choosing_binds_its_OnEvent_methods()
    {
        var handler = new EverythingHandler();
        _hub.Attach("my-own-id", handler);

        _hub.Emit(Events.Status());
        _hub.Emit(Events.Stop("predict"));
        _hub.Emit(new SessionCreated(DateTimeOffset.UtcNow, "s-1", "default"));

        Assert.Equal(new[] { "interface snakepit.pool.status", "method predict", "prefix snakepit.session.created" }, handler.Seen);
        var info = Assert.Single(_hub.ListHandlers());
        Assert.Equal("my-own-id", info.Id);
    }

    [Fact]
    public void An_annotated_background_class_attached_under_another_id_keeps_its_dispatch_mode()
    {
        _hub.Attach("writer-by-hand", new BackgroundWriter());
        Assert.Equal(TelemetryDispatchMode.Background, Assert.Single(_hub.ListHandlers()).DispatchMode);
    }
}
