using System.Threading.Tasks;
using Snakepit.Telemetry.CodeFixes;
using Xunit;
using V = Snakepit.Telemetry.Analyzers.Tests.Verify<Snakepit.Telemetry.Analyzers.HandlerSignatureAnalyzer>;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>SNK008: [OnEvent] methods whose signature does not fit their event, and the fix that rewrites it.</summary>
public class HandlerSignatureTests
{
    private const string Usings = "using System.Threading.Tasks;\nusing Snakepit.Telemetry;\nusing Snakepit.Telemetry.Events;\n";

    [Fact]
    public async Task Fitting_signatures_are_fine()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent("snakepit.python.call.stop")]
                void OnStop(in PythonCallStop e) { }

                [OnEvent("snakepit.pool.status")]
                internal void OnStatus(PoolStatus e) { }

                [OnEvent("snakepit.pool.*")]
                void OnPool<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent { }
            }
            """);
    }

    [Theory]
    [InlineData("void {|#0:OnStop|}(in PoolStatus e) { }", "it takes 'PoolStatus', but the payload of 'snakepit.python.call.stop' is 'PythonCallStop'")]
    [InlineData("int {|#0:OnStop|}(in PythonCallStop e) => 0;", "it returns 'int'; the runtime ignores results, so handlers return void")]
    [InlineData("async void {|#0:OnStop|}(PythonCallStop e) { await Task.Yield(); }", "it is async; the runtime calls handlers synchronously and would not observe the task or its exceptions")]
    [InlineData("void {|#0:OnStop|}(ref PythonCallStop e) { }", "its parameter is 'ref'; take the payload 'in'")]
    [InlineData("static void {|#0:OnStop|}(in PythonCallStop e) { }", "it is static; the runtime calls the handler on the attached instance")]
    [InlineData("void {|#0:OnStop|}<T>(in T e) where T : struct, ITelemetryEvent { }", "it is generic, but 'snakepit.python.call.stop' is one event with its own payload type")]
    [InlineData("void {|#0:OnStop|}(in PythonCallStop e, int extra) { }", "it takes 2 parameters; a handler takes the event payload only")]
    public async Task Signature_that_does_not_fit_is_reported_with_the_expected_signature(string method, string reason)
    {
        await V.AnalyzerAsync(
            Usings + "[TelemetryHandler(\"myapp-logger\")]\npartial class Logger\n{\n    [OnEvent(\"snakepit.python.call.stop\")]\n    " + method + "\n}\n",
            V.Diagnostic("SNK008").WithLocation(0).WithArguments("OnStop", "snakepit.python.call.stop", reason, "void OnStop(in PythonCallStop e)"));
    }

    [Fact]
    public async Task Prefix_needs_a_generic_method()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent("snakepit.pool.*")]
                void {|#0:OnPool|}(in PoolStatus e) { }

                [OnEvent("snakepit.grpc.*")]
                void {|#1:OnGrpc|}<TEvent>(in TEvent e) where TEvent : class, ITelemetryEvent { }
            }
            """,
            V.Diagnostic("SNK008").WithLocation(0).WithArguments("OnPool", "snakepit.pool.*", "'snakepit.pool.*' is a prefix, so the method must be generic over the event type", "void OnPool<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent"),
            V.Diagnostic("SNK008").WithLocation(1).WithArguments("OnGrpc", "snakepit.grpc.*", "its type parameter must be constrained 'where TEvent : struct, ITelemetryEvent' and nothing else", "void OnGrpc<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent"));
    }

    [Fact]
    public async Task Unknown_event_gets_no_signature_diagnostic()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent("snakepit.python.call.stp")]
                void OnStop(in PoolStatus e) { }
            }
            """);
    }

    [Fact]
    public async Task Fix_rewrites_a_wrong_typed_signature_keeping_the_body()
    {
        await V.CodeFixAsync<HandlerSignatureCodeFixProvider>(
            Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                public int Calls;

                [OnEvent("snakepit.python.call.stop")]
                public static void {|#0:OnStop|}(PoolStatus stop)
                {
                    System.Console.WriteLine(stop);
                }
            }
            """,
            Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                public int Calls;

                [OnEvent("snakepit.python.call.stop")]
                public void OnStop(in PythonCallStop stop)
                {
                    System.Console.WriteLine(stop);
                }
            }
            """,
            expected: V.Diagnostic("SNK008").WithLocation(0).WithArguments("OnStop", "snakepit.python.call.stop", "it is static; the runtime calls the handler on the attached instance", "void OnStop(in PythonCallStop e)"));
    }

    [Fact]
    public async Task Fix_makes_a_prefix_handler_generic()
    {
        await V.CodeFixAsync<HandlerSignatureCodeFixProvider>(
            Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent("snakepit.pool.*")]
                void {|#0:OnPool|}(PoolStatus e) { }
            }
            """,
            Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent("snakepit.pool.*")]
                void OnPool<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent { }
            }
            """,
            expected: V.Diagnostic("SNK008").WithLocation(0).WithArguments("OnPool", "snakepit.pool.*", "'snakepit.pool.*' is a prefix, so the method must be generic over the event type", "void OnPool<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent"));
    }

    [Fact]
    public async Task Fix_all_rewrites_every_method()
    {
        await V.FixAllAsync<HandlerSignatureCodeFixProvider>(
            Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent("snakepit.python.call.stop")]
                static void {|SNK008:OnStop|}(in PythonCallStop e) { }

                [OnEvent("snakepit.pool.status")]
                void {|SNK008:OnStatus|}(ref PoolStatus e) { }
            }
            """,
            Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent("snakepit.python.call.stop")]
                void OnStop(in PythonCallStop e) { }

                [OnEvent("snakepit.pool.status")]
                void OnStatus(in PoolStatus e) { }
            }
            """);
    }
    [Fact]
    public async Task Fix_to_void_drops_returned_values_and_keeps_their_effects()
    {
        await V.CodeFixAsync<HandlerSignatureCodeFixProvider>(
            Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                public int Calls;

                [OnEvent("snakepit.pool.status")]
                public int {|#0:OnStatus|}(in PoolStatus e)
                {
                    if (e.QueueDepth > 10)
                    {
                        return Count();
                    }

                    if (e.QueueDepth > 5) return Calls + 1;
                    Calls++;
                    return 0;
                }

                private int Count() => Calls;
            }
            """,
            Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                public int Calls;

                [OnEvent("snakepit.pool.status")]
                public void OnStatus(in PoolStatus e)
                {
                    if (e.QueueDepth > 10)
                    {
                        Count();
                        return;
                    }

                    if (e.QueueDepth > 5)
                    {
                        _ = Calls + 1;
                        return;
                    }
                    Calls++;
                }

                private int Count() => Calls;
            }
            """,
            expected: V.Diagnostic("SNK008").WithLocation(0).WithArguments("OnStatus", "snakepit.pool.status", "it returns 'int'; the runtime ignores results, so handlers return void", "void OnStatus(in PoolStatus e)"));
    }

    [Fact]
    public async Task Fix_to_void_discards_an_expression_body_that_is_no_statement()
    {
        await V.CodeFixAsync<HandlerSignatureCodeFixProvider>(
            Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent("snakepit.pool.status")]
                long {|#0:OnStatus|}(in PoolStatus e) => e.QueueDepth;
            }
            """,
            Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent("snakepit.pool.status")]
                void OnStatus(in PoolStatus e) => _ = e.QueueDepth;
            }
            """,
            expected: V.Diagnostic("SNK008").WithLocation(0).WithArguments("OnStatus", "snakepit.pool.status", "it returns 'long'; the runtime ignores results, so handlers return void", "void OnStatus(in PoolStatus e)"));
    }

    [Fact]
    public async Task No_fix_for_an_async_handler_that_awaits()
    {
        // Without async its awaits would not compile: making it synchronous is the developer's call (a queue, background dispatch).
        const string Source = Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent("snakepit.python.call.start")]
                async Task {|#0:OnStart|}(PythonCallStart e)
                {
                    await Task.Delay(1);
                }
            }
            """;
        await V.CodeFixAsync<HandlerSignatureCodeFixProvider>(
            Source,
            Source,
            expected: V.Diagnostic("SNK008").WithLocation(0).WithArguments("OnStart", "snakepit.python.call.start", "it is async; the runtime calls handlers synchronously and would not observe the task or its exceptions", "void OnStart(in PythonCallStart e)"));
    }

    [Fact]
    public async Task Fix_rewrites_both_parts_of_a_partial_method()
    {
        const string Reason = "it takes 'PythonCallStop', but the payload of 'snakepit.pool.status' is 'PoolStatus'";
        await V.CodeFixAsync<HandlerSignatureCodeFixProvider>(
            Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent("snakepit.pool.status")]
                private partial void {|#0:OnStatus|}(PythonCallStop e);

                private partial void {|#1:OnStatus|}(PythonCallStop e) { }
            }
            """,
            Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent("snakepit.pool.status")]
                private partial void OnStatus(in PoolStatus e);

                private partial void OnStatus(in PoolStatus e) { }
            }
            """,
            null,
            V.Diagnostic("SNK008").WithLocation(0).WithArguments("OnStatus", "snakepit.pool.status", Reason, "void OnStatus(in PoolStatus e)"),
            V.Diagnostic("SNK008").WithLocation(1).WithArguments("OnStatus", "snakepit.pool.status", Reason, "void OnStatus(in PoolStatus e)"));
    }

    [Fact]
    public async Task No_fix_for_an_override_or_an_interface_implementation()
    {
        // A new signature would no longer override the base method or implement the interface.
        const string Source = Usings + """
            abstract class Counting
            {
                public abstract int OnStatus(PoolStatus e);
            }

            interface IStopCounter
            {
                int OnStop(PythonCallStop e);
            }

            [TelemetryHandler("myapp-logger")]
            partial class Logger : Counting, IStopCounter
            {
                [OnEvent("snakepit.pool.status")]
                public override int {|#0:OnStatus|}(PoolStatus e) => 0;

                [OnEvent("snakepit.python.call.stop")]
                public int {|#1:OnStop|}(PythonCallStop e) => 0;
            }
            """;
        await V.CodeFixAsync<HandlerSignatureCodeFixProvider>(
            Source,
            Source,
            null,
            V.Diagnostic("SNK008").WithLocation(0).WithArguments("OnStatus", "snakepit.pool.status", "it returns 'int'; the runtime ignores results, so handlers return void", "void OnStatus(in PoolStatus e)"),
            V.Diagnostic("SNK008").WithLocation(1).WithArguments("OnStop", "snakepit.python.call.stop", "it returns 'int'; the runtime ignores results, so handlers return void", "void OnStop(in PythonCallStop e)"));
    }
}
