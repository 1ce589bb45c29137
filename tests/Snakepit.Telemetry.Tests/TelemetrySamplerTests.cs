using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Dispatch;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// The sampler keeps each emit with its rate, independently of the others: the share kept, and the share of kept
/// pairs of consecutive emits (rate squared for independent trials; a sampler that kept every 1/rate-th emit, or bursts,
/// would fail it), within five standard deviations over 400,000 emits.
/// </summary>
public sealed class TelemetrySamplerTests
{
    private const int Emits = 400_000;

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Each_emit_is_kept_with_the_rate_independently_of_the_one_before(double rate)
    {
        var sampler = new TelemetrySampler(rate);
        var kept = 0;
        var keptPairs = 0;
        var previous = false;
        for (var i = 0; i < Emits; i++)
        {
            var take = sampler.Take();
            kept += take ? 1 : 0;
            keptPairs += take && previous ? 1 : 0;
            previous = take;
        }

        AssertBinomial(kept, Emits, rate, "kept");
        AssertBinomial(keptPairs, Emits - 1, rate * rate, "kept after a kept one");
    }

    [Fact]
    public void Threads_sharing_a_sampler_keep_about_the_rate()
    {
        const double Rate = 0.05;
        const int Threads = 4;
        var sampler = new TelemetrySampler(Rate);
        var kept = 0L;
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            var mine = 0;
            for (var i = 0; i < Emits; i++)
            {
                mine += sampler.Take() ? 1 : 0;
            }

            Interlocked.Add(ref kept, mine);
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        // Threads on one stripe may lose decrements to each other (fewer kept) or shorten a gap just drawn (more): the
        // share strays a few percent at most, and a gap's end is kept by one thread only.
        var n = (double)Threads * Emits;
        Assert.InRange(kept, (long)(n * Rate * 0.9), (long)(n * Rate * 1.1));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Rates_that_need_no_sampler_are_refused(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelemetrySampler(rate));

    private static void AssertBinomial(int count, int trials, double p, string what)
    {
        var mean = trials * p;
        var sigma = Math.Sqrt(trials * p * (1 - p));
        Assert.True(Math.Abs(count - mean) <= 5 * sigma + 1, $"{what}: {count} of {trials} at p={p} (expected {mean:F0} +- {5 * sigma:F0})");
    }
}
