using System;
using System.Diagnostics;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

/// <summary>
/// A fixed loop of emits with one typed handler, timed with a Stopwatch: BenchmarkDotNet cannot run a Native AOT
/// binary, so the same loop runs on the JIT and on AOT and the medians are compared (docs/benchmarks.md).
/// </summary>
internal static class Bench
{
    private const int Emits = 20_000_000;

    public static void Run(int rounds)
    {
        var handler = new Counter();
        TelemetryHub.Default.Attach("bench", handler);
        var perEmit = new double[rounds];
        for (var round = 0; round < rounds; round++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < Emits; i++)
            {
                SnakepitEvents.PythonCallStop(TimeSpan.FromTicks(i), "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);
            }

            perEmit[round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Emits;
        }

        Array.Sort(perEmit);
        Console.WriteLine($"emit with a typed handler: median {perEmit[rounds / 2]:F2} ns over {rounds} rounds of {Emits:N0} (min {perEmit[0]:F2}, max {perEmit[rounds - 1]:F2}); checksum {handler.Ticks}");
    }

    private sealed class Counter : IPythonCallStopHandler
    {
        public long Ticks;

        public void Handle(in PythonCallStop e) => Ticks += e.Duration.Ticks;
    }
}
