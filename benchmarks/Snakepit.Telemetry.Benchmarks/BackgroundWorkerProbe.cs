using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Snakepit.Telemetry.Events;

namespace Snakepit.Telemetry.Benchmarks;

/// <summary>
/// What BenchmarkDotNet cannot show for background dispatch: the emitting thread's latency distribution (mean, p50,
/// p99) with the worker busy and with the worker idle for a while, and the worker thread's own CPU time at a steady
/// 1,000 and 10,000 events/s (read from Linux's per-thread schedstat, in nanoseconds). Run:
/// <c>dotnet run -c Release -- --background-probe</c>.
/// </summary>
internal static class BackgroundWorkerProbe
{
    private const string HandlerId = "probe";

    public static void Run(bool busyOnly = false)
    {
        Console.WriteLine($"background worker probe, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        var overhead = TimestampOverheadNs();
        Console.WriteLine($"timestamp pair overhead (subtracted): {overhead:F1} ns");

        Busy(overhead);
        if (busyOnly)
        {
            return;
        }

        InlineAfterGap(overhead, gapMs: 2, samples: 1000);
        foreach (var gapMs in new[] { 2, 100 })
        {
            AfterGap(overhead, gapMs, samples: gapMs > 10 ? 150 : 1000);
        }

        foreach (var rate in new[] { 1_000, 10_000 })
        {
            WorkerCpu(rate, TimeSpan.FromSeconds(5));
        }
    }

    private static void Busy(double overhead)
    {
        using var hub = new ProbeHub(capacity: 1 << 20);
        const int count = 200_000;
        var samples = new double[count];
        var e = Stop();
        var handled = 0L;
        foreach (var round in new[] { "first burst: the queue grows to its backlog", "second burst: steady state" })
        {
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                hub.Hub.Emit(in e);
                samples[i] = ElapsedNs(start) - overhead;
            }

            handled += count;
            hub.WaitHandled(handled);
            Report($"enqueue, worker busy (back-to-back emits), {round}", samples);
        }
    }

    private static void AfterGap(double overhead, int gapMs, int samples)
    {
        using var hub = new ProbeHub(capacity: 1024);
        var results = new double[samples];
        var e = Stop();
        for (var i = 0; i < samples; i++)
        {
            Thread.Sleep(gapMs);
            var start = Stopwatch.GetTimestamp();
            hub.Hub.Emit(in e);
            results[i] = ElapsedNs(start) - overhead;
            hub.WaitHandled(i + 1);
        }

        Report($"enqueue after a {gapMs} ms gap (worker idle)", results);
    }

    /// <summary>The floor of "after a gap": an inline handler, no worker at all (cold caches after the sleep).</summary>
    private static void InlineAfterGap(double overhead, int gapMs, int samples)
    {
        var hub = new TelemetryHub();
        var handled = 0L;
        hub.Attach<PythonCallStop>("probe-inline", (in PythonCallStop e) => handled++);
        var results = new double[samples];
        var e = Stop();
        for (var i = 0; i < samples; i++)
        {
            Thread.Sleep(gapMs);
            var start = Stopwatch.GetTimestamp();
            hub.Emit(in e);
            results[i] = ElapsedNs(start) - overhead;
        }

        hub.Detach("probe-inline");
        Report($"reference: inline handler after a {gapMs} ms gap", results);
    }

    private static void WorkerCpu(int eventsPerSecond, TimeSpan duration)
    {
        using var hub = new ProbeHub(capacity: 1024);
        var e = Stop();
        hub.Hub.Emit(in e);
        hub.WaitHandled(1);
        var tid = WorkerThreadId();
        if (tid is null)
        {
            Console.WriteLine("worker CPU: cannot find the worker thread in /proc/self/task (Linux only)");
            return;
        }

        var perMs = eventsPerSecond / 1000;
        var cpuBefore = ThreadCpuNs(tid.Value);
        var clock = Stopwatch.StartNew();
        long emitted = 1;
        while (clock.Elapsed < duration)
        {
            // Paced by the clock: one millisecond's worth of events, then sleep until the next millisecond.
            var due = (long)(clock.Elapsed.TotalMilliseconds * perMs);
            while (emitted < due)
            {
                hub.Hub.Emit(in e);
                emitted++;
            }

            Thread.Sleep(1);
        }

        hub.WaitHandled(emitted);
        var cpu = ThreadCpuNs(tid.Value) - cpuBefore;
        var rate = emitted / clock.Elapsed.TotalSeconds;
        var share = cpu / clock.Elapsed.TotalMilliseconds / 1e6 * 100;
        Console.WriteLine($"worker CPU at {rate:F0} events/s: {share:F2}% of a core ({share * 1000 / rate:F3}% per 1,000 events/s), {cpu / (double)emitted:F0} ns per event");
    }

    private static PythonCallStop Stop() =>
        new(TimeSpan.FromMilliseconds(12), "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);

    private static void Report(string what, double[] samples)
    {
        Array.Sort(samples);
        double At(double q) => samples[Math.Min(samples.Length - 1, (int)(q * samples.Length))];
        Console.WriteLine($"{what}: n={samples.Length} mean={samples.Average():F0} ns p50={At(0.5):F0} ns p99={At(0.99):F0} ns max={samples[^1]:F0} ns");
    }

    private static double ElapsedNs(long start) => (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency;

    private static double TimestampOverheadNs()
    {
        var samples = new double[100_000];
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            samples[i] = ElapsedNs(start);
        }

        Array.Sort(samples);
        return samples[samples.Length / 2];
    }

    private static int? WorkerThreadId()
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            var comm = File.ReadAllText(Path.Combine(task, "comm")).Trim();
            if (comm.StartsWith("snakepit", StringComparison.Ordinal))
            {
                return int.Parse(Path.GetFileName(task));
            }
        }

        return null;
    }

    /// <summary>The thread's time on a CPU in nanoseconds (first field of schedstat).</summary>
    private static long ThreadCpuNs(int tid) =>
        long.Parse(File.ReadAllText($"/proc/self/task/{tid}/schedstat").Split(' ')[0]);

    /// <summary>A hub with one background handler that counts what it handles; waits by handshake, not by sleeping.</summary>
    private sealed class ProbeHub : IDisposable
    {
        private readonly object _gate = new();
        private long _handled;

        public ProbeHub(int capacity)
        {
            Hub.Attach(new TelemetryHandlerBuilder(HandlerId, this)
                .WithDispatch(TelemetryDispatchMode.Background, capacity)
                .On<PythonCallStop>((in PythonCallStop e) =>
                {
                    lock (_gate)
                    {
                        _handled++;
                        Monitor.PulseAll(_gate);
                    }
                }));
        }

        public TelemetryHub Hub { get; } = new();

        public void WaitHandled(long count)
        {
            lock (_gate)
            {
                while (_handled < count)
                {
                    if (!Monitor.Wait(_gate, TimeSpan.FromSeconds(30)))
                    {
                        throw new TimeoutException($"the background handler handled {_handled} of {count} events");
                    }
                }
            }
        }

        public void Dispose() => Hub.Detach(HandlerId);
    }
}
