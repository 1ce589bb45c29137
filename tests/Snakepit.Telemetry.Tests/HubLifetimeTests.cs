using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>A hub of one's own has a lifetime: Dispose detaches everything and stops every worker, so it can be collected.</summary>
public sealed class HubLifetimeTests
{
    [Fact]
    public void Disposed_hub_with_a_background_handler_is_collected()
    {
        var (hub, worker) = AttachBackgroundAndDispose();

        Assert.True(worker.Join(TimeSpan.FromSeconds(30)), "the worker thread did not end after Dispose");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(hub.TryGetTarget(out _));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference<TelemetryHub> Hub, Thread Worker) AttachBackgroundAndDispose()
    {
        var hub = new TelemetryHub();
        using var handled = new ManualResetEventSlim(false);
        hub.Attach(new TelemetryHandlerBuilder("bg", new object())
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PoolStatus>((in PoolStatus e) => handled.Set()));
        hub.Emit(Events.Status());
        Assert.True(handled.Wait(TimeSpan.FromSeconds(30)));
        var worker = Dispatch.RuntimeProbe.WorkerThreadOf(hub, "bg");
        hub.Dispose();
        return (new WeakReference<TelemetryHub>(hub), worker);
    }

    [Fact]
    public void Disposed_hub_refuses_attaches_and_has_no_handlers()
    {
        var hub = new TelemetryHub();
        hub.Attach("recorder", new RecordingHandler());
        hub.Dispose();

        Assert.Empty(hub.ListHandlers());
        Assert.Throws<ObjectDisposedException>(() => hub.Attach("again", new RecordingHandler()));
        hub.Dispose();
    }

    [Fact]
    public void The_default_hub_cannot_be_disposed()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TelemetryHub.Default.Dispose());
        Assert.Contains("DetachAll", error.Message);
    }

    [Fact]
    public void DetachAll_detaches_every_handler_and_the_hub_stays_usable()
    {
        using var hub = new TelemetryHub();
        hub.Attach("a", new RecordingHandler());
        hub.Attach("b", new GenericRecorder(), "snakepit.*");

        Assert.Equal(2, hub.DetachAll());
        Assert.Empty(hub.ListHandlers());
        var recorder = new RecordingHandler();
        hub.Attach("a", recorder);
        hub.Emit(Events.Status());
        Assert.Single(recorder.Seen);
        Assert.Equal(1, hub.DetachAll());
    }
}
