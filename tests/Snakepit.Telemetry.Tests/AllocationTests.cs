using System;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// Emitting allocates nothing: with no handler, with typed handlers and with a generic handler that reads every
/// field. Measured with GC.GetAllocatedBytesForCurrentThread around a warmed-up loop (a count, not a timing).
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class AllocationTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void Emitting_with_no_handler_allocates_nothing()
    {
        Assert.False(SnakepitEvents.IsPythonCallStopEnabled);
        Assert.Equal(0, Measure(() =>
        {
            for (var i = 0; i < Iterations; i++)
            {
                SnakepitEvents.PythonCallStop(TimeSpan.FromTicks(i), "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);
            }
        }));
    }

    [Fact]
    public void Emitting_to_typed_handlers_allocates_nothing()
    {
        var counter = new CountingHandler();
        var lambdaCount = 0L;
        TelemetryHub.Default.Attach("alloc-counter", counter);
        TelemetryHub.Default.Attach<PythonCallStop>("alloc-lambda", (in PythonCallStop e) => lambdaCount++);
        try
        {
            var allocated = Measure(() =>
            {
                for (var i = 0; i < Iterations; i++)
                {
                    SnakepitEvents.PythonCallStop(TimeSpan.FromTicks(i), "default", "w-1", "predict", "c-1", PythonCallStopResult.Success, responseSize: i);
                    MyappEvents.CacheLookup(TimeSpan.FromTicks(1), "key", hit: true);
                }
            });

            Assert.Equal(0, allocated);
            Assert.True(counter.Count >= 2 * Iterations);
            Assert.True(lambdaCount >= Iterations);
        }
        finally
        {
            TelemetryHub.Default.Detach("alloc-counter");
            TelemetryHub.Default.Detach("alloc-lambda");
        }
    }

    [Fact]
    public void Emitting_to_a_generic_handler_that_reads_every_field_allocates_nothing()
    {
        var summer = new GenericSummer();
        TelemetryHub.Default.Attach("alloc-generic", summer, "snakepit.pool.*");
        try
        {
            var allocated = Measure(() =>
            {
                for (var i = 0; i < Iterations; i++)
                {
                    SnakepitEvents.PoolStatus(1, 2, i, 3, "default");
                }
            });

            Assert.Equal(0, allocated);
            Assert.True(summer.Events >= Iterations);
        }
        finally
        {
            TelemetryHub.Default.Detach("alloc-generic");
        }
    }

    [Fact]
    public void Spans_allocate_nothing()
    {
        var counter = new CountingHandler();
        TelemetryHub.Default.Attach("alloc-span", counter);
        try
        {
            var allocated = Measure(() =>
            {
                for (var i = 0; i < Iterations; i++)
                {
                    SnakepitEvents.StartPythonCall("default", "w-1", "predict", "c-1").Stop(PythonCallStopResult.Success);
                }
            });

            Assert.Equal(0, allocated);
        }
        finally
        {
            TelemetryHub.Default.Detach("alloc-span");
        }
    }

    [Fact]
    public void Handing_events_to_a_generic_background_handler_allocates_nothing_on_the_emitting_thread()
    {
        // The first event of each type included: the binding's queue for it is made when the handler is attached,
        // not by the emitter.
        var status = new PoolStatus(1, 2, 3, 3, "default");
        var stop = new PythonCallStop(TimeSpan.FromTicks(1), "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);
        var lookup = new CacheLookup(TimeSpan.FromTicks(1), "key", true);

        // Once per process, not per hub or binding: the JIT compiles (and the runtime loads) the generic dispatch code
        // for each event type on its first use, which allocates on the calling thread. A hub used and disposed before
        // takes those costs, so that what is measured below is the emitter's own path.
        using (var warmUp = new TelemetryHub())
        {
            var warmUpSummer = new GenericSummer();
            warmUp.Attach(new TelemetryHandlerBuilder("alloc-background-warm-up", warmUpSummer)
                .WithDispatch(TelemetryDispatchMode.Background, 64)
                .OnEvents(warmUpSummer, "*"));
            warmUp.Emit(in status);
            warmUp.Emit(in stop);
            warmUp.Emit(in lookup);
            Assert.True(warmUp.WaitForBackgroundHandler("alloc-background-warm-up", TimeSpan.FromSeconds(30)));
        }

        using var hub = new TelemetryHub();
        using var gate = new Gate();
        var summer = new GenericSummer();
        hub.Attach(new TelemetryHandlerBuilder("alloc-background", summer)
            .WithDispatch(TelemetryDispatchMode.Background, 64)
            .OnEvents(summer, "*"));
        // First uses that allocate once: the event types' registration (per process) and this thread's thread-static
        // dispatch state (per thread: the runtime allocates a thread's storage for thread statics on first access).
        _ = TelemetryDispatch<PoolStatus>.IsEnabled && TelemetryDispatch<PythonCallStop>.IsEnabled && TelemetryDispatch<CacheLookup>.IsEnabled;
        _ = Dispatch.DispatchDepth.Value;
        _ = Dispatch.DispatchContext.Worker;
        _ = Dispatch.DispatchContext.OverflowedEvent;

        var before = GC.GetAllocatedBytesForCurrentThread();
        hub.Emit(in status);
        hub.Emit(in stop);
        hub.Emit(in lookup);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(hub.WaitForBackgroundHandler("alloc-background", TimeSpan.FromSeconds(30)));

        for (var round = 0; round < 4; round++)
        {
            before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 20; i++)
            {
                hub.Emit(in status);
                hub.Emit(in stop);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.True(hub.WaitForBackgroundHandler("alloc-background", TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(3 + 4 * 40, summer.Events);
    }

    private static long Measure(Action loop)
    {
        // Warm up: JIT, tiering and first-use registration allocate; the steady state must not.
        for (var i = 0; i < 3; i++)
        {
            loop();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        loop();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
