using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace Snakepit.Telemetry.Tests;

/// <summary>The retained heap at one point of a soak phase, with the events processed by then.</summary>
internal readonly record struct SoakSample(TimeSpan At, long Events, long HeapBytes);

/// <summary>What one soak phase measured after its warm-up.</summary>
internal sealed record SoakResult(string Phase, IReadOnlyList<SoakSample> Samples, int Gen2Unforced, int Gen2Total)
{
    public SoakSample First => Samples[0];

    public SoakSample Last => Samples[Samples.Count - 1];

    /// <summary>Events processed between the first and the last sample (after the warm-up).</summary>
    public long Events => Last.Events - First.Events;

    public TimeSpan Duration => Last.At - First.At;

    public double EventsPerSecond => Events / Math.Max(Duration.TotalSeconds, 1e-9);

    /// <summary>Last sample minus first sample.</summary>
    public long GrowthBytes => Last.HeapBytes - First.HeapBytes;

    /// <summary>The slope of the least-squares line of heap bytes against events processed, across every sample.</summary>
    public double SlopeBytesPerEvent
    {
        get
        {
            var meanX = Samples.Average(s => (double)s.Events);
            var meanY = Samples.Average(s => (double)s.HeapBytes);
            double sxy = 0, sxx = 0;
            foreach (var s in Samples)
            {
                sxy += (s.Events - meanX) * (s.HeapBytes - meanY);
                sxx += (s.Events - meanX) * (s.Events - meanX);
            }

            return sxx == 0 ? 0 : sxy / sxx;
        }
    }

    /// <summary>What the fitted line grows by across the measured events.</summary>
    public double FittedGrowthBytes => SlopeBytesPerEvent * Events;

    public string Row() => string.Format(
        CultureInfo.InvariantCulture,
        "| {0} | {1:N0} | {2:N0} | {3:N0} | {4:N0} | {5:+#,0;-#,0;0} | {6:+0.0;-0.0;0.0} | {7:0.00} | {8} ({9}) |",
        Phase, Events, EventsPerSecond, First.HeapBytes / 1024, Last.HeapBytes / 1024, GrowthBytes / 1024.0, SlopeBytesPerEvent * 1_000_000 / 1024, (double)Soak.MaxGrowthBytes / Math.Max(Events, 1), Gen2Unforced, Gen2Total);

    public string Detail() => Phase + ": " + string.Join(
        ", ",
        Samples.Select(s => string.Format(CultureInfo.InvariantCulture, "{0:0.0}s {1:N0} ev {2:N0} KiB", s.At.TotalSeconds, s.Events, s.HeapBytes / 1024)));
}

/// <summary>
/// Runs one phase of the soak: a warm-up, then work between samples of the heap retained after a full blocking,
/// compacting collection, and the check that the heap stayed flat while the events went through.
/// </summary>
internal static class Soak
{
    /// <summary>The whole soak's length in seconds (all phases together); 60 when unset.</summary>
    public const string SecondsVariable = "SNAKEPIT_SOAK_SECONDS";

    public const int Phases = 5;

    /// <summary>Samples after the first one (taken at the end of the warm-up).</summary>
    public const int Samples = 10;

    /// <summary>
    /// The growth allowed between the first and the last sample, and along the fitted line. With at least
    /// <see cref="MinEvents"/> events in between it is under 4 bytes per event, less than anything kept per event
    /// costs (a reference in a list is 8); the fast phases run millions, which brings it under a byte.
    /// </summary>
    public const long MaxGrowthBytes = 1024 * 1024;

    /// <summary>
    /// The fewest events a phase must process after its warm-up for the bound above to mean something. The Python
    /// reader's phase is the slowest (decoding a line takes microseconds in a Debug build): about a million lines in
    /// CI's 12 s on a busy 2-core machine.
    /// </summary>
    public const long MinEvents = 250_000;

    public static TimeSpan Total { get; } = ReadTotal();

    public static TimeSpan PhaseLength => TimeSpan.FromTicks(Total.Ticks / Phases);

    /// <summary>
    /// Runs <paramref name="step"/> (a batch of work on this thread) for the phase's length: a fifth warming up, then
    /// <see cref="Samples"/> equal stretches each ended by a sample. <paramref name="processed"/> reads how many events
    /// went through so far (work on other threads included); <paramref name="atSample"/> runs before each sample and
    /// <paramref name="afterSample"/> after it (to quiet work on other threads while the heap is read, and resume it).
    /// </summary>
    public static SoakResult Run(string phase, Action step, Func<long> processed, Action? atSample = null, Action? afterSample = null)
    {
        var length = PhaseLength;
        var warmUp = TimeSpan.FromTicks(length.Ticks / 5);
        var interval = TimeSpan.FromTicks((length - warmUp).Ticks / Samples);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < warmUp)
        {
            step();
        }

        var gen2Start = GC.CollectionCount(2);
        var gen2Unforced = 0;
        atSample?.Invoke();
        var samples = new List<SoakSample> { Sample(clock, processed()) };
        afterSample?.Invoke();
        var start = clock.Elapsed;
        for (var i = 1; i <= Samples; i++)
        {
            var until = start + TimeSpan.FromTicks(interval.Ticks * i);
            var gen2 = GC.CollectionCount(2);
            while (clock.Elapsed < until)
            {
                step();
            }

            gen2Unforced += GC.CollectionCount(2) - gen2;
            atSample?.Invoke();
            samples.Add(Sample(clock, processed()));
            afterSample?.Invoke();
        }

        return new SoakResult(phase, samples, gen2Unforced, GC.CollectionCount(2) - gen2Start);
    }

    /// <summary>The heap as a full, blocking, compacting collection leaves it.</summary>
    private static SoakSample Sample(Stopwatch clock, long events)
    {
        var at = clock.Elapsed;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return new SoakSample(at, events, GC.GetTotalMemory(forceFullCollection: true));
    }

    /// <summary>Enough events went through, and the heap did not grow with them: not from first to last sample, not along the fitted line.</summary>
    public static void AssertFlat(SoakResult result)
    {
        var detail = "\n" + result.Detail();
        Assert.True(
            result.Events >= MinEvents,
            $"{result.Phase}: only {result.Events:N0} events after the warm-up, fewer than {MinEvents:N0}: too few for a {MaxGrowthBytes / 1024} KiB bound to show less than {(double)MaxGrowthBytes / MinEvents:0.#} bytes kept per event (raise {SecondsVariable}?){detail}");
        Assert.True(
            result.GrowthBytes < MaxGrowthBytes,
            $"{result.Phase}: the retained heap grew by {result.GrowthBytes:N0} B over {result.Events:N0} events (bound {MaxGrowthBytes:N0} B){detail}");
        Assert.True(
            result.FittedGrowthBytes < MaxGrowthBytes,
            $"{result.Phase}: the least-squares fit of the retained heap grows {result.SlopeBytesPerEvent * 1_000_000:N0} B per million events, {result.FittedGrowthBytes:N0} B over {result.Events:N0} events (bound {MaxGrowthBytes:N0} B){detail}");
    }

    private static TimeSpan ReadTotal()
    {
        var text = Environment.GetEnvironmentVariable(SecondsVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromSeconds(60);
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < Phases || double.IsInfinity(seconds))
        {
            throw new InvalidOperationException($"{SecondsVariable}='{text}': give the soak's total length in seconds, at least {Phases} (one per phase).");
        }

        return TimeSpan.FromSeconds(seconds);
    }
}

/// <summary>
/// Collects the soak phases' numbers for the test output and for soak-results.txt beside the test assembly (rewritten
/// after each phase, so a run that stops early still leaves what it measured).
/// </summary>
public sealed class SoakReport
{
    public const string FileName = "soak-results.txt";

    private readonly object _lock = new();
    private readonly SortedDictionary<string, SoakResult> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _notes = new(StringComparer.Ordinal);

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, FileName);

    internal void Add(SoakResult result, ITestOutputHelper output, IEnumerable<string> notes)
    {
        var noteList = notes.ToList();
        output.WriteLine(Header);
        output.WriteLine(result.Row());
        output.WriteLine(result.Detail());
        foreach (var note in noteList)
        {
            output.WriteLine(note);
        }

        output.WriteLine("Written to " + FilePath);
        lock (_lock)
        {
            _results[result.Phase] = result;
            _notes[result.Phase] = noteList;
            File.WriteAllText(FilePath, Render());
        }
    }

    private const string Header =
        "| Phase | Events after warm-up | Events/s | Heap at first sample (KiB) | Heap at last sample (KiB) | Growth (KiB) | Fitted growth per 1M events (KiB) | Bound per event (B) | Gen2 GCs not forced (all) |\n" +
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|";

    private string Render()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Snakepit.Telemetry soak, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Soak.SecondsVariable}={Soak.Total.TotalSeconds:0.#} ({Soak.PhaseLength.TotalSeconds:0.#} s per phase, a fifth of it warm-up, {Soak.Samples + 1} samples)");
        text.AppendLine(CultureInfo.InvariantCulture, $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} processors, server GC {GCSettings.IsServerGC}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Bound: growth and fitted growth under {Soak.MaxGrowthBytes / 1024} KiB with at least {Soak.MinEvents:N0} events after the warm-up");
        text.AppendLine();
        text.AppendLine(Header);
        foreach (var result in _results.Values)
        {
            text.AppendLine(result.Row());
        }

        text.AppendLine();
        foreach (var result in _results.Values)
        {
            text.AppendLine(result.Detail());
            foreach (var note in _notes[result.Phase])
            {
                text.Append("  ").AppendLine(note);
            }
        }

        return text.ToString();
    }
}
