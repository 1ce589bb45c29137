using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// Sampling decisions for one event type at one rate, with no lock and no thread-local state. Each emit is kept with
/// probability <see cref="Rate"/>, independently of every other emit: the same statistics as drawing a random number per
/// emit (a Bernoulli trial), at the cost of a decrement for the emits left out.
/// </summary>
/// <remarks>
/// <para>The gaps between kept emits of a sequence of Bernoulli trials are geometrically distributed, so each stripe
/// keeps a countdown to its next kept emit, drawn from that distribution when the previous one is kept: an emit left out
/// costs one decrement. At rates of one half and above, where gaps are short, each emit draws its own trial.</para>
/// <para>Emitting threads are spread over 16 stripes (each on a cache line of its own) by a hash of the emitting stack's
/// address, so threads rarely share one. Threads that do may lose a decrement to each other (the countdown is a plain
/// write), which keeps fewer; a compare-and-swap on the kept path lets only one of them keep the emit that ends a gap,
/// and a decrement written over a just-drawn gap can shorten it: under such contention the kept share strays from the
/// rate by a few percent.</para>
/// </remarks>
internal sealed class TelemetrySampler
{
    private const int StripeCount = 16;

    private readonly Stripe[] _stripes = new Stripe[StripeCount];
    private readonly double _logKeepNot;
    private readonly ulong _threshold;
    private readonly bool _perEmit;

    public TelemetrySampler(double rate)
    {
        if (!(rate > 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A sampler's rate is above 0 and below 1.");
        }

        Rate = rate;
        _perEmit = rate >= 0.5;
        _threshold = (ulong)(rate * ulong.MaxValue);
        // ln(1 - rate); below 1e-4 from its series, as 1 - rate rounds to 1 for rates under 2^-54 (a zero logarithm
        // made every gap -infinity, cast to int.MinValue) and loses most of the rate's digits well above that.
        _logKeepNot = rate < 1e-4 ? -rate * (1 + rate * (0.5 + rate * (1.0 / 3 + rate * 0.25))) : Math.Log(1 - rate);
        var seed = (ulong)System.Diagnostics.Stopwatch.GetTimestamp() ^ 0x9E3779B97F4A7C15UL ^ (ulong)RuntimeHelpers.GetHashCode(this);
        for (var i = 0; i < StripeCount; i++)
        {
            ref var stripe = ref _stripes[i];
            stripe.Random = SplitMix(ref seed) | 1;
            stripe.Countdown = _perEmit ? 1 : NextGap(ref stripe);
        }
    }

    /// <summary>The probability that an emit is kept.</summary>
    public double Rate { get; }

    /// <summary>Whether this emit is kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe bool Take()
    {
        // The emitting frame's address: threads have stacks of their own, so its high bits tell them apart.
        byte marker;
        var stripe = (int)((((ulong)(nuint)(&marker) >> 12) * 0x9E3779B97F4A7C15UL) >> 60);
        ref var state = ref _stripes[stripe];
        var left = --state.Countdown;
        if (left > 0)
        {
            return false;
        }

        return Refill(ref state, left);
    }

    /// <summary>
    /// The countdown reached its end: this emit is kept, and the next gap is drawn (or, per emit, a trial). Claimed with
    /// compare-and-swap (only here, on the rare kept path): of threads sharing the stripe that saw the end, one keeps its
    /// emit and sets the next gap; the others keep nothing.
    /// </summary>
    /// <remarks>
    /// The claim retries while the countdown is still at or below its end: a single compare-and-swap against the value
    /// this emit wrote fails whenever another thread's decrement lands between the two, and two threads that keep
    /// landing there (each one's decrement inside the other's draw of a gap) would fail every claim, keeping nothing
    /// while the countdown ran down to <see cref="int.MinValue"/> and wrapped to <see cref="int.MaxValue"/>. Retrying,
    /// a claim fails only when another claim succeeded (the countdown is then above its end) or when a decrement wrote in
    /// between, and a thread that writes a value at or below the end comes here too before writing again: the end is
    /// kept once, and the countdown stays within a few decrements of it. The emits whose decrements went past the end
    /// are left out and shorten the next gap, as they would have without contention.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Refill(ref Stripe state, int left)
    {
        if (_perEmit)
        {
            state.Countdown = 1;
            return Next(ref state.Random) < _threshold;
        }

        // Decrements found below this emit's own were emits after the end, left out: they count towards the next gap.
        var gap = NextGap(ref state);
        var seen = left;
        while (true)
        {
            var found = Interlocked.CompareExchange(ref state.Countdown, seen < left ? gap + (seen - left) : gap, seen);
            if (found == seen)
            {
                return true;
            }

            if (found > 0)
            {
                return false;
            }

            seen = found;
        }
    }

    /// <summary>For tests: one stripe's countdown, to drive an interleaving of emits by hand.</summary>
    internal ref int StripeCountdown(int stripe) => ref _stripes[stripe].Countdown;

    /// <summary>For tests: the rest of an emit whose decrement of <paramref name="stripe"/>'s countdown left <paramref name="left"/>.</summary>
    internal bool FinishEmit(int stripe, int left) => left > 0 ? false : Refill(ref _stripes[stripe], left);

    /// <summary>A gap drawn from the geometric distribution of the number of trials up to and including the next success.</summary>
    private int NextGap(ref Stripe state)
    {
        // U uniform in (0, 1]; 1 + floor(ln U / ln(1 - p)) is geometric with parameter p.
        var uniform = ((Next(ref state.Random) >> 11) + 1) * (1.0 / (1UL << 53));
        var gap = 1 + Math.Floor(Math.Log(uniform) / _logKeepNot);
        return gap >= int.MaxValue ? int.MaxValue : (int)gap;
    }

    private static ulong Next(ref ulong state)
    {
        // xorshift64*
        var x = state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        state = x;
        return x * 0x2545F4914F6CDD1DUL;
    }

    private static ulong SplitMix(ref ulong seed)
    {
        var z = seed += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>One stripe's state, on a cache line of its own.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    private struct Stripe
    {
        [FieldOffset(0)]
        public int Countdown;

        [FieldOffset(8)]
        public ulong Random;
    }
}
