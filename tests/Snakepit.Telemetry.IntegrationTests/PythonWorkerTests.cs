using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>
/// Real python3 workers running samples/python/toy_worker.py (which imports snakepit_telemetry.py): their stderr is
/// folded into typed events that reach handlers exactly as host events do, with each worker's node, pool and id; the
/// bad lines they write are counted and do not stop the reading.
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class PythonWorkerTests : IDisposable
{
    private const int Calls = 14;
    private const int FailEvery = 7;

    private readonly ConcurrentQueue<PythonCallStop> _stops = new();
    private readonly ConcurrentQueue<PythonCallStart> _starts = new();
    private readonly ConcurrentQueue<PythonCallException> _exceptions = new();
    private readonly ConcurrentQueue<PythonGcCompleted> _collections = new();
    private readonly ConcurrentQueue<PythonMemorySampled> _memory = new();

    public PythonWorkerTests()
    {
        TelemetryHub.Default.Attach<PythonCallStop>("it-stop", (in PythonCallStop e) => _stops.Enqueue(e));
        TelemetryHub.Default.Attach<PythonCallStart>("it-start", (in PythonCallStart e) => _starts.Enqueue(e));
        TelemetryHub.Default.Attach<PythonCallException>("it-exception", (in PythonCallException e) => _exceptions.Enqueue(e));
        TelemetryHub.Default.Attach<PythonGcCompleted>("it-gc", (in PythonGcCompleted e) => _collections.Enqueue(e));
        TelemetryHub.Default.Attach<PythonMemorySampled>("it-memory", (in PythonMemorySampled e) => _memory.Enqueue(e));
    }

    [Fact]
    public async Task Events_of_real_python_workers_reach_typed_handlers_with_each_workers_node_pool_and_id()
    {
        var python = PythonBinary.Path;
        var script = Path.Combine(RepositoryRoot.Path, "samples", "python", "toy_worker.py");
        var decoder = new SnakepitEvents.Decoder();
        var workers = Enumerable.Range(1, 3).Select(i => (Id: $"w{i}", Context: new WorkerContext("node-" + i, "pool-it", $"w{i}"))).ToList();
        var logs = new ConcurrentQueue<(string Worker, string Line)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var runs = workers.Select(async w =>
        {
            using var process = Start(python, script, w.Id);
            var reader = new WorkerTelemetryReader(decoder, w.Context);
            try
            {
                await reader.ReadAsync(process.StandardError.BaseStream, line => logs.Enqueue((w.Id, line)), timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            Assert.Equal(0, process.ExitCode);
            return (w.Id, reader, process.Id);
        }).ToList();
        var results = await Task.WhenAll(runs);

        var failures = Calls / FailEvery;
        foreach (var (id, reader, pid) in results)
        {
            var worker = workers.Single(w => w.Id == id).Context;
            var stops = _stops.Where(e => e.WorkerId == id).ToList();
            var exceptions = _exceptions.Where(e => e.WorkerId == id).ToList();
            Assert.Equal(Calls - failures, stops.Count);
            Assert.Equal(Calls, _starts.Count(e => e.WorkerId == id));
            Assert.Equal(failures, exceptions.Count);
            Assert.All(stops, e =>
            {
                Assert.Equal(worker.Node, e.Node);
                Assert.Equal("pool-it", e.PoolName);
                Assert.Equal(PythonCallStopResult.Success, e.Result);
                Assert.InRange(e.Duration, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(30));
                Assert.True(e.ResponseSize > 0);
                Assert.StartsWith($"w{id[1..]}-", e.CorrelationId, StringComparison.Ordinal);
            });
            Assert.All(exceptions, e =>
            {
                Assert.Equal("KeyError", e.ErrorType);
                Assert.Equal(ErrorCategory.PythonError, e.ErrorCategory);
                Assert.Equal(worker.Node, e.Node);
            });

            // Start events carry no system_time: it comes from the line's timestamp_ns, the worker's wall clock.
            Assert.All(_starts.Where(e => e.WorkerId == id), e => Assert.InRange(e.SystemTime, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1)));

            // gc.collect() every fifth call: collections, timed in microseconds by Python.
            var collections = _collections.Where(e => e.WorkerId == id).ToList();
            Assert.True(collections.Count >= Calls / 5, $"{id}: {collections.Count} collections");
            Assert.All(collections, e => Assert.InRange(e.Duration, TimeSpan.Zero, TimeSpan.FromSeconds(10)));

            // The pid the worker reported is the process the host started.
            var memory = _memory.Where(e => e.WorkerId == id).ToList();
            Assert.Equal(2, memory.Count);
            Assert.All(memory, e =>
            {
                Assert.Equal(pid, e.PythonPid);
                Assert.InRange(e.RssBytes, 1_000_000, 4_000_000_000);
            });

            // Ordinary log lines reach the callback; the unknown event and the NaN line are counted, not fatal.
            var workerLogs = logs.Where(l => l.Worker == id).Select(l => l.Line).ToList();
            Assert.Contains(workerLogs, l => l.StartsWith("toy worker", StringComparison.Ordinal) && l.EndsWith("starting: " + Calls + " calls", StringComparison.Ordinal));
            Assert.Contains(workerLogs, l => l.EndsWith(" done", StringComparison.Ordinal));
            Assert.Equal(failures, workerLogs.Count(l => l.Contains("KeyError", StringComparison.Ordinal)));
            Assert.Equal(1, reader.Count(FoldResult.UnknownEvent));
            Assert.Equal(1, reader.Count(FoldResult.NotFinite));
            Assert.Equal(2, reader.Dropped);
            Assert.Equal(workerLogs.Count, reader.Count(FoldResult.NotTelemetry));
        }
    }

    [Fact]
    public async Task The_python_sample_runs_real_workers_and_prints_what_its_handler_saw()
    {
        var python = PythonBinary.Path;
        var configuration = typeof(PythonWorkerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "SampleConfiguration")?.Value ?? "Debug";
        var sample = Path.Combine(RepositoryRoot.Path, "samples", "Snakepit.Sample.Python", "bin", configuration, "net10.0", "Snakepit.Sample.Python.dll");
        Assert.True(File.Exists(sample), "The Python sample is not built; the test project references it, so build the solution: " + sample);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { sample, "--workers", "2", "--calls", "6", "--python", python, "--node", "node-it" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n{output}\n{await error}");

        // Six calls and no failure (the toy fails every seventh call) on each worker, the node the host gave.
        Assert.Contains("default_worker_1 on node-it (pool default): 6 calls", output, StringComparison.Ordinal);
        Assert.Contains("default_worker_2 on node-it (pool default): 6 calls", output, StringComparison.Ordinal);
        Assert.Contains("errors none", output, StringComparison.Ordinal);
        Assert.Contains("dropped 2 (UnknownEvent 1, NotFinite 1)", output, StringComparison.Ordinal);
    }

    private static Process Start(string python, string script, string id)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        foreach (var argument in new[] { script, "--calls", Calls.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", id[1..], "--fail-every", FailEvery.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    public void Dispose()
    {
        foreach (var id in new[] { "it-stop", "it-start", "it-exception", "it-gc", "it-memory" })
        {
            TelemetryHub.Default.Detach(id);
        }
    }
}
