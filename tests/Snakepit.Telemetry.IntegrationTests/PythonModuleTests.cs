using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>
/// samples/python/snakepit_telemetry.py under real python3: it never blocks or raises into the worker, whatever the
/// garbage collector or the host's end of the pipe does.
/// </summary>
public sealed class PythonModuleTests
{
    [Fact]
    public async Task Gc_telemetry_inside_a_write_does_not_deadlock_the_worker()
    {
        // A collection after every allocation: the gc callback emits while the same thread is inside emit's write.
        var output = await RunAsync("""
            import gc, threading
            import snakepit_telemetry as t
            t.configure(open(os.devnull, "w"))
            t.install_gc_telemetry()
            gc.set_threshold(1)
            done = threading.Event()
            def run():
                for i in range(20000):
                    t.emit("python.call.start", {"request_size": i}, {"command": "x" * 10, "correlation_id": str([i] * 5)})
                done.set()
            threading.Thread(target=run, daemon=True).start()
            print("finished" if done.wait(60) else "deadlocked")
            """);

        Assert.Equal("finished", output.Trim());
    }

    [Fact]
    public async Task A_gc_line_emitted_while_the_stream_flushes_is_written()
    {
        // A collection during flush(): its python.gc.completed line waits for the lock its own thread holds, and must be
        // written before emit returns, not lost.
        var output = await RunAsync("""
            import gc, io
            import snakepit_telemetry as t
            class CollectingOnFlush(io.StringIO):
                flushes = 0
                def flush(self):
                    CollectingOnFlush.flushes += 1
                    if CollectingOnFlush.flushes == 1:
                        gc.collect()
                    super().flush()
            buffer = CollectingOnFlush()
            t.configure(buffer)
            t.install_gc_telemetry()
            written = t.emit("python.call.start", {}, {"command": "c"})
            lines = buffer.getvalue().splitlines()
            print(written, len(lines), sum(1 for l in lines if '"python.gc.completed"' in l))
            """);

        Assert.Equal("True 2 1", output.Trim());
    }

    [Fact]
    public async Task Emit_and_span_never_raise_into_the_worker_when_stderr_is_closed()
    {
        var output = await RunAsync("""
            import snakepit_telemetry as t
            sys.stderr.close()
            print(t.emit("python.call.start", {}, {"command": "c"}))
            print(t.emit("python.cpu.sampled", {"cpu_percent": float("nan")}, {}))
            try:
                with t.span("python.call", {"command": "c"}):
                    raise KeyError("the worker's own error")
            except KeyError as error:
                print("kept", type(error).__name__)
            """);

        Assert.Equal(new[] { "False", "False", "kept KeyError" }, output.Trim().Split('\n'));
    }

    [Fact]
    public async Task Lines_of_threads_and_collections_never_interleave()
    {
        var output = await RunAsync("""
            import gc, io, threading, json
            import snakepit_telemetry as t
            buffer = io.StringIO()
            t.configure(buffer)
            t.install_gc_telemetry()
            gc.set_threshold(50)
            def run(n):
                for i in range(2000):
                    t.emit("python.call.start", {"request_size": i}, {"command": "c" * (n + 1), "correlation_id": str(i)})
            threads = [threading.Thread(target=run, args=(n,)) for n in range(4)]
            [th.start() for th in threads]
            [th.join() for th in threads]
            lines = buffer.getvalue().splitlines()
            calls = [json.loads(l[len("TELEMETRY:"):]) for l in lines]
            print(sum(1 for c in calls if c["event"] == "python.call.start"), all(l.startswith("TELEMETRY:{") for l in lines))
            """);

        Assert.Equal("8000 True", output.Trim());
    }

    private static async Task<string> RunAsync(string body)
    {
        var script = Path.Combine(Path.GetTempPath(), $"snakepit-module-{Guid.NewGuid():N}.py");
        var module = Path.Combine(RepositoryRoot.Path, "samples", "python");
        await File.WriteAllTextAsync(script, $"import os, sys\nsys.path.insert(0, {Quote(module)})\n" + body);
        try
        {
            var start = new ProcessStartInfo(PythonBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(script);
            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"python exited {process.ExitCode}:\n{output}\n{await error}");
            return output.Replace("\r\n", "\n");
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Quote(string path) => "'" + path.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
