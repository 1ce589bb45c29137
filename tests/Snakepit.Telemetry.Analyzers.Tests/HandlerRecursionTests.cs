using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using V = Snakepit.Telemetry.Analyzers.Tests.Verify<Snakepit.Telemetry.Analyzers.HandlerRecursionAnalyzer>;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>SNK009: handlers that emit the event they handle.</summary>
public class HandlerRecursionTests
{
    private const string Usings = "using System;\nusing Snakepit.Telemetry;\nusing Snakepit.Telemetry.Events;\n";

    private static DiagnosticResult Recursion(int location, string handler, string eventName, string chain) =>
        V.Diagnostic("SNK009").WithSeverity(DiagnosticSeverity.Warning).WithLocation(location).WithArguments(handler, eventName, chain);

    [Fact]
    public async Task Emitting_other_events_is_fine()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-derived")]
            partial class Derived
            {
                [OnEvent("snakepit.python.call.stop")]
                void OnStop(in PythonCallStop e) => SnakepitEvents.PoolStatus(1, 1, 1, 2, e.PoolName);
            }
            """);
    }

    [Fact]
    public async Task Emitting_the_handled_event_directly_or_through_calls_is_reported()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-echo")]
            partial class Echo : IPoolStatusHandler
            {
                public void Handle(in PoolStatus e) => {|#0:SnakepitEvents.PoolStatus(e.AvailableWorkers, e.BusyWorkers, e.QueueDepth, e.TotalWorkers, e.PoolName)|};

                [OnEvent("snakepit.python.call.*")]
                void OnCall<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent => {|#1:Retry()|};

                private static void Retry() => SnakepitEvents.StartPythonCall("default", "w-1", "retry", "c-1").Stop(PythonCallStopResult.Success);
            }
            """,
            Recursion(0, "Handle", "snakepit.pool.status", "Handle -> SnakepitEvents.PoolStatus"),
            Recursion(1, "OnCall", "snakepit.python.call.stop", "OnCall -> Retry -> PythonCallSpan.Stop"));
    }

    [Fact]
    public async Task A_prefix_pattern_covers_the_prefix_event_itself_as_the_runtime_does()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-status-echo")]
            partial class StatusEcho
            {
                [OnEvent("snakepit.pool.status.*")]
                void OnStatus<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent => {|#0:SnakepitEvents.PoolStatus(1, 1, 1, 2, "default")|};
            }
            """,
            Recursion(0, "OnStatus", "snakepit.pool.status", "OnStatus -> SnakepitEvents.PoolStatus"));
    }

    [Fact]
    public async Task Lambda_that_emits_its_own_event_is_reported()
    {
        await V.AnalyzerAsync(Usings + """
            static class Startup
            {
                static void Run(TelemetryHub hub) =>
                    hub.Attach<PoolStatus>("myapp-loop", (in PoolStatus e) => {|#0:hub.Emit(new PoolStatus(1, 1, 1, 1, "x"))|});
            }
            """,
            Recursion(0, "lambda", "snakepit.pool.status", "lambda -> TelemetryHub.Emit"));
    }

    [Fact]
    public async Task Emitting_the_handled_event_from_Task_Run_or_a_continuation_is_reported()
    {
        await V.AnalyzerAsync(Usings + """
            using System.Threading;
            using System.Threading.Tasks;

            [TelemetryHandler("myapp-deferred")]
            partial class Deferred : IPoolStatusHandler
            {
                public void Handle(in PoolStatus e)
                {
                    var name = e.PoolName;
                    {|#0:Task.Run(() => SnakepitEvents.PoolStatus(1, 1, 1, 2, name))|};
                    {|#1:Task.Delay(10).ContinueWith(_ => Echo(name))|};
                    {|#2:ThreadPool.QueueUserWorkItem(_ => Echo(name))|};
                    Task.Run(() => SnakepitEvents.StartPythonCall("default", "w-1", "retry", "c-1").Stop(PythonCallStopResult.Success));
                }

                private static void Echo(string name) => SnakepitEvents.PoolStatus(1, 1, 1, 2, name);
            }
            """,
            Recursion(0, "Handle", "snakepit.pool.status", "Handle -> Task.Run -> SnakepitEvents.PoolStatus"),
            Recursion(1, "Handle", "snakepit.pool.status", "Handle -> Task.ContinueWith -> Echo -> SnakepitEvents.PoolStatus"),
            Recursion(2, "Handle", "snakepit.pool.status", "Handle -> ThreadPool.QueueUserWorkItem -> Echo -> SnakepitEvents.PoolStatus"));
    }
}
