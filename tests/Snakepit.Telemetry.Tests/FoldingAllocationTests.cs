using System;
using System.Text;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// Folding allocates nothing but the strings the event keeps: a line with numbers and context-filled names allocates
/// nothing, delivered or not, nor does counting an undeclared field seen before; strings are allocated only for a
/// delivered event. Counted with
/// GC.GetAllocatedBytesForCurrentThread around a warmed-up loop.
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class FoldingAllocationTests
{
    private const int Iterations = 5_000;

    private static readonly byte[] StatusLine = Encoding.UTF8.GetBytes(
        "TELEMETRY:{\"event\":\"pool.status\",\"measurements\":{\"available_workers\":1,\"busy_workers\":2,\"queue_depth\":3,\"total_workers\":6},\"metadata\":{\"pool_name\":\"x\",\"extra\":[1,{\"a\":true}]},\"timestamp_ns\":1700000000000000000}");

    private static readonly byte[] StopLine = Encoding.UTF8.GetBytes(
        "TELEMETRY:{\"event\":\"python.call.stop\",\"measurements\":{\"duration\":1500000},\"metadata\":{\"command\":\"predict\",\"correlation_id\":\"c-1\",\"result\":\"success\"}}");

    [Fact]
    public void Folding_a_line_of_numbers_into_a_typed_handler_allocates_nothing()
    {
        long sum = 0;
        TelemetryHub.Default.Attach<PoolStatus>("fold-alloc", (in PoolStatus e) => sum += e.QueueDepth);
        try
        {
            var reader = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), new WorkerContext("n", "p", "w"));
            Assert.Equal(0, Measure(reader, StatusLine));
            Assert.Equal(3L * (Iterations + 1), sum);
            Assert.Equal(Iterations + 1, reader.Count(FoldResult.Folded));

            // Its undeclared "extra" was counted every time (pool_name, filled by the context, is declared).
            var unknown = Assert.Single(reader.UnknownFields());
            Assert.Equal(("snakepit.pool.status", "metadata", "extra", Iterations + 1L), (unknown.Event, unknown.Section, unknown.Field, unknown.Count));
        }
        finally
        {
            TelemetryHub.Default.Detach("fold-alloc");
        }
    }

    [Fact]
    public void Strings_are_not_allocated_for_a_line_nobody_listens_to()
    {
        Assert.False(SnakepitEvents.IsPythonCallStopEnabled);
        var reader = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), new WorkerContext("n", "p", "w"));
        Assert.Equal(0, Measure(reader, StopLine));
        Assert.Equal(Iterations + 1, reader.Count(FoldResult.Folded));
    }

    [Fact]
    public void A_delivered_event_allocates_only_its_strings()
    {
        var seen = 0;
        TelemetryHub.Default.Attach<PythonCallStop>("fold-alloc-strings", (in PythonCallStop e) => seen++);
        try
        {
            var reader = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), new WorkerContext("n", "p", "w"));
            var perLine = (double)Measure(reader, StopLine) / Iterations;

            // Two strings, "predict" and "c-1": 22 + 2 * 7 and 22 + 2 * 3 bytes, each rounded up to 8 (64-bit runtime).
            var strings = Align(22 + (2 * 7)) + Align(22 + (2 * 3));
            Assert.InRange(perLine, strings, strings + 0.5);
            Assert.Equal(Iterations + 1, seen);
        }
        finally
        {
            TelemetryHub.Default.Detach("fold-alloc-strings");
        }
    }

    private static int Align(int bytes) => (bytes + 7) & ~7;

    private static long Measure(WorkerTelemetryReader reader, byte[] line)
    {
        Assert.Equal(FoldResult.Folded, reader.Fold(line));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            reader.Fold(line);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
