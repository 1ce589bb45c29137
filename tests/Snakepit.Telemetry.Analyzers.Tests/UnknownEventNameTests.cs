using System.Threading.Tasks;
using Snakepit.Telemetry.CodeFixes;
using Xunit;
using V = Snakepit.Telemetry.Analyzers.Tests.Verify<Snakepit.Telemetry.Analyzers.UnknownEventNameAnalyzer>;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>SNK006: unknown event names in [OnEvent], ListHandlers and attach patterns, with suggestions and a fix.</summary>
public class UnknownEventNameTests
{
    private const string Usings = "using Snakepit.Telemetry;\nusing Snakepit.Telemetry.Events;\n";

    [Fact]
    public async Task Known_names_prefixes_and_patterns_are_fine()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent("snakepit.python.call.stop")]
                void OnStop(in PythonCallStop e) { }

                [OnEvent("snakepit.pool.*")]
                [OnEvent("*")]
                [OnEvent("telemetry.handler.failure")]
                void OnAny<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent { }

                static void Use(TelemetryHub hub, ITelemetryHandler h)
                {
                    hub.ListHandlers("snakepit.python");
                    hub.ListHandlers();
                    hub.Attach("x", h, "snakepit.grpc.*", "snakepit.pool.status");
                }
            }
            """);
    }

    [Fact]
    public async Task Names_carried_by_the_catalog_attribute_are_known_without_a_Name_constant()
    {
        // The generator writes EventNames beside the payload types; analyzers read them and bind no payload member,
        // so a payload without a Name constant is still known under the attribute's name.
        await V.AnalyzerAsync(Usings + """
            [assembly: TelemetryCatalog("myapp", typeof(MyApp.Done), EventNames = new string[] { "myapp.job.done" })]

            namespace MyApp
            {
                public readonly struct Done : ITelemetryEvent
                {
                    string ITelemetryEvent.EventName => "myapp.job.done";
                    int ITelemetryEvent.MeasurementCount => 0;
                    int ITelemetryEvent.MetadataCount => 0;
                    TelemetryField ITelemetryEvent.GetMeasurement(int index) => throw new System.ArgumentOutOfRangeException();
                    TelemetryField ITelemetryEvent.GetMetadata(int index) => throw new System.ArgumentOutOfRangeException();
                }

                static class Use
                {
                    static void Run(TelemetryHub hub)
                    {
                        hub.ListHandlers("myapp.job.done");
                        hub.ListHandlers("myapp.job.*");
                        hub.ListHandlers({|#0:"myapp.job.dome"|});
                    }
                }
            }
            """,
            V.Diagnostic("SNK006").WithLocation(0).WithArguments("an event or prefix", "myapp.job.dome", "; did you mean 'myapp.job.done'?"));
    }

    [Fact]
    public async Task Typo_in_OnEvent_is_reported_at_the_string_with_the_closest_name()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent({|#0:"snakepit.python.call.stp"|})]
                void OnStop(in PythonCallStop e) { }
            }
            """,
            V.Diagnostic("SNK006").WithLocation(0).WithArguments("the event", "snakepit.python.call.stp", "; did you mean 'snakepit.python.call.stop'?"));
    }

    [Fact]
    public async Task Unknown_prefix_in_ListHandlers_and_attach_patterns_is_reported()
    {
        await V.AnalyzerAsync(Usings + """
            static class Use
            {
                static void Run(TelemetryHub hub, ITelemetryHandler h)
                {
                    hub.ListHandlers({|#0:"snakepit.pyton"|});
                    hub.Attach("x", h, "snakepit.pool.*", {|#1:"snakepit.grcp.*"|});
                }
            }
            """,
            V.Diagnostic("SNK006").WithLocation(0).WithArguments("an event or prefix", "snakepit.pyton", "; did you mean 'snakepit.python'?"),
            V.Diagnostic("SNK006").WithLocation(1).WithArguments("an event under", "snakepit.grcp.*", "; did you mean 'snakepit.grpc.*'?"));
    }

    [Fact]
    public async Task Names_far_from_every_known_name_get_no_suggestion()
    {
        await V.AnalyzerAsync(Usings + """
            static class Use
            {
                static void Run(TelemetryHub hub) => hub.ListHandlers({|#0:"billing.invoice.sent"|});
            }
            """,
            V.Diagnostic("SNK006").WithLocation(0).WithArguments("an event or prefix", "billing.invoice.sent", "; check the catalogs (events.yaml) and the packages that declare events"));
    }

    [Fact]
    public async Task Code_fix_replaces_the_string_with_the_suggestion()
    {
        await V.CodeFixAsync<UnknownEventNameCodeFixProvider>(
            Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent({|#0:"snakepit.pool.worker.restartd"|})]
                void OnRestart(in PoolWorkerRestarted e) { }
            }
            """,
            Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                [OnEvent("snakepit.pool.worker.restarted")]
                void OnRestart(in PoolWorkerRestarted e) { }
            }
            """,
            expected: V.Diagnostic("SNK006").WithLocation(0).WithArguments("the event", "snakepit.pool.worker.restartd", "; did you mean 'snakepit.pool.worker.restarted'?"));
    }

    [Fact]
    public async Task Fix_all_replaces_every_typo()
    {
        await V.FixAllAsync<UnknownEventNameCodeFixProvider>(
            Usings + """
            static class Use
            {
                static void Run(TelemetryHub hub)
                {
                    hub.ListHandlers({|SNK006:"snakepit.pyton"|});
                    hub.ListHandlers({|SNK006:"snakepit.grcp"|});
                }
            }
            """,
            Usings + """
            static class Use
            {
                static void Run(TelemetryHub hub)
                {
                    hub.ListHandlers("snakepit.python");
                    hub.ListHandlers("snakepit.grpc");
                }
            }
            """);
    }

    [Fact]
    public async Task A_bare_prefix_is_neither_an_event_nor_a_pattern_and_the_fix_makes_it_a_pattern()
    {
        await V.CodeFixAsync<Snakepit.Telemetry.CodeFixes.UnknownEventNameCodeFixProvider>(Usings + """
            static class Startup
            {
                static void Run(TelemetryHub hub, ITelemetryHandler handler) =>
                    hub.Attach("myapp-calls", handler, {|#0:"snakepit.python.call"|});
            }
            """, Usings + """
            static class Startup
            {
                static void Run(TelemetryHub hub, ITelemetryHandler handler) =>
                    hub.Attach("myapp-calls", handler, "snakepit.python.call.*");
            }
            """,
            codeActionIndex: 0,
            V.Diagnostic(HandlerDiagnostics.PrefixAsEventName).WithLocation(0)
                .WithArguments("snakepit.python.call", "'snakepit.python.call.*'", "'snakepit.python.call.exception', 'snakepit.python.call.start' or 'snakepit.python.call.stop'"));
    }

    [Fact]
    public async Task A_bare_prefix_in_OnEvent_is_reported_the_same_way()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-pool")]
            partial class PoolWatcher
            {
                [OnEvent({|#0:"snakepit.pool"|})]
                void OnPool<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent { }
            }
            """,
            V.Diagnostic(HandlerDiagnostics.PrefixAsEventName).WithLocation(0).WithArguments("snakepit.pool", "'snakepit.pool.*'", "one of the events under it, such as 'snakepit.pool.initialized'"));
    }
}
