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
