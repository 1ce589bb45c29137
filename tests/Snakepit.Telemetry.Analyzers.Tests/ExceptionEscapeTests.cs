using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Snakepit.Telemetry.CodeFixes;
using Xunit;
using V = Snakepit.Telemetry.Analyzers.Tests.Verify<Snakepit.Telemetry.Analyzers.ExceptionEscapeAnalyzer>;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>SNK002: exceptions that can escape a handler, and the fix that catches and reports them.</summary>
public class ExceptionEscapeTests
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing Snakepit.Telemetry;\nusing Snakepit.Telemetry.Events;\n";

    private static DiagnosticResult Escapes(int location, string handler, string risk) =>
        V.Diagnostic("SNK002").WithSeverity(DiagnosticSeverity.Warning).WithLocation(location).WithArguments(handler, risk);

    [Fact]
    public async Task Guarded_handlers_are_fine()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-parser")]
            partial class Parser : IPythonCallStopHandler
            {
                private readonly Dictionary<string, long> _counts = new();
                private readonly List<string> _recent = new();

                public void Handle(in PythonCallStop e)
                {
                    if (int.TryParse(e.CorrelationId, out var id)) { _counts[e.Command] = id; }
                    _counts.TryGetValue(e.Command, out var count);
                    var first = _recent.FirstOrDefault();
                    var size = e.ResponseSize.GetValueOrDefault();
                    try
                    {
                        var parsed = long.Parse(e.WorkerId);
                        if (parsed < 0) throw new InvalidOperationException("negative");
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine(ex.Message);
                    }

                    if (e.Command is string text) { Console.WriteLine(text); }
                }
            }
            """);
    }

    [Fact]
    public async Task Throws_and_throwing_calls_outside_a_try_are_reported()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-parser")]
            partial class Parser : IPythonCallStopHandler
            {
                private readonly Dictionary<string, long> _counts = new();
                private readonly List<string> _recent = new();
                private object _last = "";

                public void Handle(in PythonCallStop e)
                {
                    var id = {|#0:int.Parse(e.CorrelationId)|};
                    var count = {|#1:_counts[e.Command]|};
                    var first = {|#2:_recent.First()|};
                    var size = {|#3:e.ResponseSize.Value|};
                    var text = {|#4:(string)_last|};
                    if (id < 0) {|#5:throw new ArgumentException("negative id");|}
                    try { Console.WriteLine(id); }
                    catch (FormatException) { {|#6:throw;|} }
                }
            }
            """,
            Escapes(0, "Handle", "Int32.Parse throws FormatException on input it cannot parse (use TryParse)"),
            Escapes(1, "Handle", "the dictionary indexer throws KeyNotFoundException for a missing key (use TryGetValue)"),
            Escapes(2, "Handle", "Enumerable.First throws on an empty sequence (use FirstOrDefault)"),
            Escapes(3, "Handle", "Nullable.Value throws InvalidOperationException when there is no value (use GetValueOrDefault or a pattern)"),
            Escapes(4, "Handle", "the cast to 'string' throws InvalidCastException (use 'is' or 'as')"),
            Escapes(5, "Handle", "'throw new ArgumentException(\"negative id\");' is not caught"),
            Escapes(6, "Handle", "'throw;' rethrows out of the handler"));
    }

    [Fact]
    public async Task Look_alike_framework_types_of_other_namespaces_are_not_the_framework_s()
    {
        // Compared by symbol: a JsonSerializer, a Convert or a Parse of the user's own (even in a namespace that starts
        // with "System") throws what its author says, not what the framework's does.
        await V.AnalyzerAsync(Usings + """
            namespace SystemTools
            {
                public static class Version { public static int Parse(string s) => s.Length; }
                public static class JsonSerializer { public static int Deserialize(string s) => s.Length; }
                public static class Convert { public static int ToInt32(string s) => s.Length; }
            }

            partial class Parser : IPoolStatusHandler
            {
                public void Handle(in PoolStatus e)
                {
                    var a = SystemTools.Version.Parse(e.PoolName);
                    var b = SystemTools.JsonSerializer.Deserialize(e.PoolName);
                    var c = SystemTools.Convert.ToInt32(e.PoolName);
                    var d = {|#0:System.Text.Json.JsonSerializer.Deserialize<int>(e.PoolName)|};
                }
            }
            """,
            Escapes(0, "Handle", "JsonSerializer.Deserialize throws JsonException on text that is not the JSON it expects (catch JsonException)"));
    }

    [Fact]
    public async Task A_catch_of_an_unrelated_type_does_not_guard()
    {
        await V.AnalyzerAsync(Usings + """
            partial class Parser : IPoolStatusHandler
            {
                public void Handle(in PoolStatus e)
                {
                    try { var n = {|#0:int.Parse(e.PoolName)|}; }
                    catch (TimeoutException) { }
                    try { var n = int.Parse(e.PoolName); }
                    catch (FormatException) { }
                }
            }
            """,
            Escapes(0, "Handle", "Int32.Parse throws FormatException on input it cannot parse (use TryParse)"));
    }

    [Fact]
    public async Task Fix_wraps_the_body_and_reports_through_the_runtime()
    {
        await V.CodeFixAsync<ExceptionEscapeCodeFixProvider>(
            Usings + """
            [TelemetryHandler("myapp-parser")]
            partial class Parser
            {
                public long Last;

                [OnEvent("snakepit.python.call.stop")]
                void OnStop(in PythonCallStop e)
                {
                    Last = {|#0:long.Parse(e.CorrelationId)|};
                }
            }
            """,
            Usings + """
            [TelemetryHandler("myapp-parser")]
            partial class Parser
            {
                public long Last;

                [OnEvent("snakepit.python.call.stop")]
                void OnStop(in PythonCallStop e)
                {
                    try
                    {
                        Last = long.Parse(e.CorrelationId);
                    }
                    catch (Exception ex)
                    {
                        TelemetryHub.Default.ReportHandlerError(this, PythonCallStop.Name, ex);
                    }
                }
            }
            """,
            expected: Escapes(0, "OnStop", "Int64.Parse throws FormatException on input it cannot parse (use TryParse)"));
    }

    [Fact]
    public async Task Fix_handles_lambdas_attached_by_id()
    {
        await V.CodeFixAsync<ExceptionEscapeCodeFixProvider>(
            Usings + """
            static class Startup
            {
                static long last;

                static void Run(TelemetryHub hub)
                {
                    hub.Attach<PoolStatus>("myapp-pool-parser", (in PoolStatus e) => last = {|#0:long.Parse(e.PoolName)|});
                }
            }
            """,
            Usings + """
            static class Startup
            {
                static long last;

                static void Run(TelemetryHub hub)
                {
                    hub.Attach<PoolStatus>("myapp-pool-parser", (in PoolStatus e) =>
                    {
                        try
                        {
                            last = long.Parse(e.PoolName);
                        }
                        catch (Exception ex)
                        {
                            TelemetryHub.Default.ReportHandlerError("myapp-pool-parser", PoolStatus.Name, ex);
                        }
                    });
                }
            }
            """,
            expected: Escapes(0, "lambda", "Int64.Parse throws FormatException on input it cannot parse (use TryParse)"));
    }

    [Fact]
    public async Task Fix_all_wraps_each_handler_once()
    {
        await V.FixAllAsync<ExceptionEscapeCodeFixProvider>(
            Usings + """
            partial class Parser : IPoolStatusHandler, IPythonCallStopHandler
            {
                public long A, B;

                public void Handle(in PoolStatus e)
                {
                    A = {|SNK002:long.Parse(e.PoolName)|};
                    B = {|SNK002:long.Parse(e.PoolName)|};
                }

                public void Handle(in PythonCallStop e)
                {
                    A = {|SNK002:long.Parse(e.Command)|};
                }
            }
            """,
            Usings + """
            partial class Parser : IPoolStatusHandler, IPythonCallStopHandler
            {
                public long A, B;

                public void Handle(in PoolStatus e)
                {
                    try
                    {
                        A = long.Parse(e.PoolName);
                        B = long.Parse(e.PoolName);
                    }
                    catch (Exception ex)
                    {
                        TelemetryHub.Default.ReportHandlerError(this, PoolStatus.Name, ex);
                    }
                }

                public void Handle(in PythonCallStop e)
                {
                    try
                    {
                        A = long.Parse(e.Command);
                    }
                    catch (Exception ex)
                    {
                        TelemetryHub.Default.ReportHandlerError(this, PythonCallStop.Name, ex);
                    }
                }
            }
            """);
    }
    [Fact]
    public async Task Fix_in_a_method_group_handler_names_the_id_by_its_value()
    {
        // The id argument is evaluated where Attach is called: in the handler method, a local of Main does not exist.
        // The diagnostics are found from the Attach call but reported in the methods: non-local.
        await V.CodeFixAsync<ExceptionEscapeCodeFixProvider>(
            Usings + """
            static class Startup
            {
                private const string Id = "myapp-pool-parser";
                static long last;

                static void Main()
                {
                    var id = "myapp-call-parser";
                    TelemetryHub.Default.Attach<PoolStatus>(Id, OnStatus);
                    TelemetryHub.Default.Attach<PythonCallStop>(id, OnStop);
                }

                static void OnStatus(in PoolStatus e) => last = {|#0:long.Parse(e.PoolName)|};

                static void OnStop(in PythonCallStop e) => last = {|#1:long.Parse(e.Command)|};
            }
            """,
            Usings + """
            static class Startup
            {
                private const string Id = "myapp-pool-parser";
                static long last;

                static void Main()
                {
                    var id = "myapp-call-parser";
                    TelemetryHub.Default.Attach<PoolStatus>(Id, OnStatus);
                    TelemetryHub.Default.Attach<PythonCallStop>(id, OnStop);
                }

                static void OnStatus(in PoolStatus e)
                {
                    try
                    {
                        last = long.Parse(e.PoolName);
                    }
                    catch (Exception ex)
                    {
                        TelemetryHub.Default.ReportHandlerError("myapp-pool-parser", PoolStatus.Name, ex);
                    }
                }

                static void OnStop(in PythonCallStop e)
                {
                    try
                    {
                        last = long.Parse(e.Command);
                    }
                    catch (Exception ex)
                    {
                        TelemetryHub.Default.ReportHandlerError("OnStop", PythonCallStop.Name, ex);
                    }
                }
            }
            """,
            CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            new[]
            {
                Escapes(0, "OnStatus", "Int64.Parse throws FormatException on input it cannot parse (use TryParse)"),
                Escapes(1, "OnStop", "Int64.Parse throws FormatException on input it cannot parse (use TryParse)"),
            });
    }

    [Fact]
    public async Task Fix_in_a_static_lambda_does_not_capture_the_id()
    {
        await V.CodeFixAsync<ExceptionEscapeCodeFixProvider>(
            Usings + """
            static class Startup
            {
                static long last;

                static void Run(TelemetryHub hub, string id)
                {
                    hub.Attach<PoolStatus>(id, static (in PoolStatus e) => last = {|#0:long.Parse(e.PoolName)|});
                }
            }
            """,
            Usings + """
            static class Startup
            {
                static long last;

                static void Run(TelemetryHub hub, string id)
                {
                    hub.Attach<PoolStatus>(id, static (in PoolStatus e) =>
                    {
                        try
                        {
                            last = long.Parse(e.PoolName);
                        }
                        catch (Exception ex)
                        {
                            TelemetryHub.Default.ReportHandlerError("lambda", PoolStatus.Name, ex);
                        }
                    });
                }
            }
            """,
            expected: Escapes(0, "lambda", "Int64.Parse throws FormatException on input it cannot parse (use TryParse)"));
    }

    [Fact]
    public async Task Fix_handles_anonymous_methods()
    {
        await V.CodeFixAsync<ExceptionEscapeCodeFixProvider>(
            Usings + """
            static class Startup
            {
                static long last;

                static void Run(TelemetryHub hub)
                {
                    hub.Attach<PoolStatus>("myapp-pool-parser", delegate (in PoolStatus e) { last = {|#0:long.Parse(e.PoolName)|}; });
                }
            }
            """,
            Usings + """
            static class Startup
            {
                static long last;

                static void Run(TelemetryHub hub)
                {
                    hub.Attach<PoolStatus>("myapp-pool-parser", delegate (in PoolStatus e)
                    {
                        try
                        {
                            last = long.Parse(e.PoolName);
                        }
                        catch (Exception ex)
                        {
                            TelemetryHub.Default.ReportHandlerError("myapp-pool-parser", PoolStatus.Name, ex);
                        }
                    });
                }
            }
            """,
            expected: Escapes(0, "lambda", "Int64.Parse throws FormatException on input it cannot parse (use TryParse)"));
    }

    [Fact]
    public async Task A_throw_in_a_helper_of_the_same_class_is_reported_at_the_call()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-validator")]
            partial class Validator : IPythonCallStopHandler
            {
                public void Handle(in PythonCallStop e)
                {
                    {|#0:Check(e.Command)|};
                    try { Check(e.Command); } catch (InvalidOperationException) { }
                    Guarded(e.Command);
                    Guard(e.Command);
                    Other.Check(e.Command);
                }

                private static void Check(string command) => Deeper(command);

                private static void Deeper(string command)
                {
                    if (command.Length == 0) throw new InvalidOperationException("empty");
                }

                private static void Guarded(string command)
                {
                    try { Deeper(command); } catch (Exception) { }
                }

                private static void Guard(string command)
                {
                    if (command is null) throw new ArgumentNullException(nameof(command));
                }
            }

            static class Other
            {
                public static void Check(string command) => throw new InvalidOperationException(command);
            }
            """,
            Escapes(0, "Handle", "Check -> Deeper throws: 'throw new InvalidOperationException(\"empty\");' is not caught"));
    }

    [Fact]
    public async Task Checked_arithmetic_and_JSON_deserialization_are_reported_unless_caught()
    {
        await V.AnalyzerAsync(Usings + """
            using System.Text.Json;

            sealed record Payload(string Name);

            [TelemetryHandler("myapp-totals")]
            partial class Totals : IPythonCallStopHandler
            {
                private int _total;

                public void Handle(in PythonCallStop e)
                {
                    _total = {|#0:checked(_total + e.Command.Length * 2)|};
                    {|#1:checked
                    {
                        _total += 1;
                        _total *= 2;
                    }|}
                    _total = unchecked(_total + 1);
                    var payload = {|#2:JsonSerializer.Deserialize<Payload>(e.Command)|};
                    try
                    {
                        _total = checked(_total + 1);
                        payload = JsonSerializer.Deserialize<Payload>(e.Command);
                    }
                    catch (OverflowException) { }
                    catch (JsonException) { }
                }
            }
            """,
            Escapes(0, "Handle", "checked arithmetic throws OverflowException when it overflows (remove 'checked' or clamp the value)"),
            Escapes(1, "Handle", "checked arithmetic throws OverflowException when it overflows (remove 'checked' or clamp the value)"),
            Escapes(2, "Handle", "JsonSerializer.Deserialize throws JsonException on text that is not the JSON it expects (catch JsonException)"));
    }
}
