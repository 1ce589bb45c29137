using System;
using System.IO;
using System.Linq;
using Snakepit.Telemetry.Generators.Emitting;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>
/// The typed Python module of a catalog: samples/python/snakepit_events.py is the module of today's events.yaml (run
/// with SNAKEPIT_UPDATE_DOCS=1 to rewrite it after a catalog change); names follow the pinned rules; calls write the
/// documented line and a bad value never raises into the worker.
/// </summary>
public class PythonModuleTests
{
    [Fact]
    public void Samples_snakepit_events_is_the_module_of_snakepits_catalog()
    {
        var module = PythonModuleEmitter.Emit(PythonModules.Snakepit());
        var committed = Path.Combine(RepositoryRoot.Path, "samples", "python", "snakepit_events.py");
        if (Environment.GetEnvironmentVariable("SNAKEPIT_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(committed, module);
            return;
        }

        Assert.True(File.Exists(committed), "samples/python/snakepit_events.py is missing: run the tests with SNAKEPIT_UPDATE_DOCS=1");
        Assert.True(
            File.ReadAllText(committed).Replace("\r\n", "\n") == module,
            "samples/python/snakepit_events.py is stale (events.yaml or the emitter changed): run the tests with SNAKEPIT_UPDATE_DOCS=1 and commit it");
    }

    [Fact]
    public void Functions_are_named_after_events_without_the_catalog_prefix()
    {
        var snakepit = PythonModules.Snakepit();
        Assert.Equal("snakepit_events.py", PythonModuleEmitter.FileName(snakepit));
        Assert.Equal("python_call_stop", PythonModuleEmitter.FunctionName(snakepit, "snakepit.python.call.stop"));
        var module = PythonModuleEmitter.Emit(snakepit);
        foreach (var spec in snakepit.Events)
        {
            Assert.Contains("\ndef " + spec.Name.Substring("snakepit.".Length).Replace('.', '_') + "(\n", module);
        }

        var app = PythonModules.SampleApp();
        Assert.Equal("myapp_events.py", PythonModuleEmitter.FileName(app));
        Assert.Contains("\ndef request_stop(\n", PythonModuleEmitter.Emit(app));
    }

    [Fact]
    public void Keywords_and_builtins_get_a_trailing_underscore()
    {
        var catalog = PythonModules.Parse("/app/edge.events.yaml", """
            catalog: edge
            namespace: Edge.Telemetry
            events:
              edge.import:
                description: A keyword as an event.
                metadata:
                  from: string
                  class: { type: enum, values: [a, b] }
              edge.call.start:
                description: A span's start.
                metadata: { x: string }
              edge.call.stop:
                description: A span's stop.
                measurements: { duration: { type: duration, unit: ms } }
                metadata: { x: string }
              edge.int:
                description: A builtin the module's annotations use, as an event.
                metadata: { x: string }
            """);
        var directory = PythonModules.Write(catalog);
        try
        {
            var run = PythonTools.RunPython(directory, directory, "-c", """
                import edge_events as e
                assert e.import_(from_="x", class_="a")
                assert e.int_(x="event")
                with e.call_span(x="span"):
                    pass
                """);
            Assert.True(run.ExitCode == 0, run.ToString());
            var lines = run.Error.Split('\n').Where(l => l.StartsWith("TELEMETRY:", StringComparison.Ordinal)).ToList();
            Assert.Equal(4, lines.Count);
            Assert.StartsWith("TELEMETRY:{\"event\":\"import\",\"measurements\":{},\"metadata\":{\"from\":\"x\",\"class\":\"a\"},\"timestamp_ns\":", lines[0]);
            Assert.StartsWith("TELEMETRY:{\"event\":\"int\",\"measurements\":{},\"metadata\":{\"x\":\"event\"}", lines[1]);
            Assert.StartsWith("TELEMETRY:{\"event\":\"call.start\",\"measurements\":{},\"metadata\":{\"x\":\"span\"}", lines[2]);
            // A measured duration in ms keeps its fraction.
            Assert.Matches("^TELEMETRY:\\{\"event\":\"call.stop\",\"measurements\":\\{\"duration\":[0-9]+\\.[0-9]+(e-[0-9]+)?\\},\"metadata\":\\{\"x\":\"span\"\\}", lines[3]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_wrong_value_at_run_time_drops_the_event_with_a_log_line_naming_the_field_and_never_raises()
    {
        var directory = PythonModules.Write(PythonModules.Snakepit(), PythonModules.SampleApp());
        try
        {
            // What pyright would flag, done anyway (no type checker at run time): each call returns False.
            var run = PythonTools.RunPython(directory, directory, "-c", """
                import myapp_events as m, snakepit_events as s
                class Hostile(str):
                    def __hash__(self): raise RuntimeError("user code may throw anything")
                calls = [
                    lambda: m.request_stop(duration=0.5, user_id="u", request_type="predict"),
                    lambda: m.request_stop(duration=-1, user_id="u", request_type="predict"),
                    lambda: m.request_stop(duration=1, user_id=None, request_type="predict"),
                    lambda: m.request_stop(duration=1, user_id="u", request_type="predit"),
                    lambda: m.request_stop(duration=1, user_id="\ud800", request_type="predict"),
                    lambda: m.request_stop(duration=2**63, user_id="u", request_type="predict"),
                    lambda: s.python_cpu_sampled(cpu_percent=float("nan"), python_pid=1),
                    lambda: s.python_cpu_sampled(cpu_percent=10**400, python_pid=1),
                    lambda: s.python_memory_sampled(rss_bytes=True, vms_bytes=1, python_pid=1),
                    lambda: m.request_stop(duration=1, user_id="u", request_type=Hostile("predict")),
                ]
                for call in calls:
                    assert call() is False
                with s.python_call_span(command="c", correlation_id="x") as span:
                    span.result = None
                print("survived")
                """);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("survived", run.Output);
            Assert.DoesNotContain("TELEMETRY:{\"event\":\"request.stop\"", run.Error);
            Assert.Contains("dropped request.stop: field 'duration' must be an int, not float", run.Error);
            Assert.Contains("dropped request.stop: field 'duration' is out of range: -1", run.Error);
            Assert.Contains("dropped request.stop: required field 'user_id' is missing", run.Error);
            Assert.Contains("dropped request.stop: field 'request_type' must be one of ['forward', 'predict'], not 'predit'", run.Error);
            Assert.Contains("dropped python.cpu.sampled: field 'cpu_percent' must be finite", run.Error);
            Assert.Contains("dropped python.memory.sampled: field 'rss_bytes' must be a number, not bool", run.Error);
            Assert.Contains("dropped python.call.stop: required field 'result' is missing", run.Error);
            Assert.Contains("TELEMETRY:{\"event\":\"python.call.start\"", run.Error);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
