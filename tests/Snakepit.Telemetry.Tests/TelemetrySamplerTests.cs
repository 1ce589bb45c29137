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
    [InlineData(0.01)]
    [InlineData(0.1)]
    public void Two_threads_whose_decrements_land_inside_each_others_claim_still_keep_the_rate(double rate)
    {
        // Two emitters on one stripe, interleaved by hand: each one's decrement lands between the other's decrement and
        // its claim of the end (A decrements, B decrements, A claims, A decrements, B claims, B decrements, ...), the
        // schedule of two threads in a tight loop whose work between emits is shorter than drawing a gap. A claim
        // against the value each wrote itself then always fails: nothing kept, the countdown running down to a wrap.
        const int Rounds = 200_000;
        var sampler = new TelemetrySampler(rate);
        ref var countdown = ref sampler.StripeCountdown(0);
        var kept = 0;
        var lowest = int.MaxValue;
        var a = --countdown;
        var b = --countdown;
        for (var i = 0; i < Rounds; i++)
        {
            kept += sampler.FinishEmit(0, a) ? 1 : 0;
            a = --countdown;
            kept += sampler.FinishEmit(0, b) ? 1 : 0;
            b = --countdown;
            lowest = Math.Min(lowest, countdown);
        }

        // The few percent the documentation allows (lock-step alternation is the worst case of lost decrements).
        Assert.True(lowest >= -2, $"the countdown ran down to {lowest}");
        Assert.InRange(kept, (int)(2 * Rounds * rate * 0.95), (int)(2 * Rounds * rate * 1.05));
    }

    [Theory]
    [InlineData(1e-17)]
    [InlineData(5e-324)]
    public void Rates_too_small_for_one_minus_the_rate_draw_the_longest_gap(double rate)
    {
        // 1 - rate rounds to 1 under 2^-54: its logarithm must not be 0 (every gap -infinity, cast to int.MinValue, and a
        // decrement wrapping it to int.MaxValue). At these rates a gap under int.MaxValue has odds below 1e-7.
        var sampler = new TelemetrySampler(rate);
        for (var stripe = 0; stripe < 16; stripe++)
        {
            Assert.Equal(int.MaxValue, sampler.StripeCountdown(stripe));
        }
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
