using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using V = Snakepit.Telemetry.Analyzers.Tests.Verify<Snakepit.Telemetry.Analyzers.AttachInHotPathAnalyzer>;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>SNK003: attach calls in hot paths; startup code is fine.</summary>
public class AttachInHotPathTests
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Snakepit.Telemetry;\nusing Snakepit.Telemetry.Events;\n";

    private static DiagnosticResult HotPath(int location, string where) =>
        V.Diagnostic("SNK003").WithSeverity(DiagnosticSeverity.Warning).WithLocation(location).WithArguments(where);

    private const string Handler = "sealed class Logger : IPoolStatusHandler { public void Handle(in PoolStatus e) { } }\n";

    [Fact]
    public async Task Startup_code_is_fine()
    {
        await V.AnalyzerAsync(Usings + Handler + """
            static class Program
            {
                static Program() => TelemetryHub.Default.Attach("myapp-static", new Logger());

                static void Main()
                {
                    foreach (var id in new[] { "myapp-a", "myapp-b" })
                    {
                        TelemetryHub.Default.Attach(id, new Logger());
                    }
                }
            }

            sealed class Worker
            {
                public Task StartAsync(CancellationToken token)
                {
                    TelemetryHub.Default.Attach("myapp-worker", new Logger());
                    return Task.CompletedTask;
                }
            }

            sealed class Service
            {
                public void Configure() => TelemetryHub.Default.Attach("myapp-configured", new Logger());
            }
            """);
    }

    [Fact]
    public async Task Attach_in_a_loop_a_handler_or_per_item_is_reported()
    {
        await V.AnalyzerAsync(Usings + Handler + """
            sealed class Processor : IPythonCallStopHandler
            {
                public void Handle(in PythonCallStop e) => {|#0:TelemetryHub.Default.Attach("myapp-late", new Logger())|};

                public void Process(IEnumerable<string> items)
                {
                    for (var i = 0; i < 3; i++)
                    {
                        {|#1:TelemetryHub.Default.Attach("myapp-" + i, new Logger())|};
                    }

                    Parallel.ForEach(items, item => {|#2:TelemetryHub.Default.Attach("myapp-" + item, new Logger())|});
                    TelemetryHub.Default.Attach<PoolStatus>("myapp-nested", (in PoolStatus s) => {|#3:TelemetryHub.Default.Attach("myapp-inner", new Logger())|});
                }
            }
            """,
            HotPath(0, "inside a telemetry handler (it runs for every event)"),
            HotPath(1, "inside a loop"),
            HotPath(2, "in code run per item (Parallel.ForEach)"),
            HotPath(3, "inside a telemetry handler (it runs for every event)"));
    }

    [Fact]
    public async Task Attach_in_a_controller_action_is_reported()
    {
        await V.AnalyzerAsync(Usings + Handler + """
            namespace Microsoft.AspNetCore.Mvc { public abstract class ControllerBase { } }

            sealed class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                public string Get(int id)
                {
                    {|#0:TelemetryHub.Default.Attach("myapp-request-" + id, new Logger())|};
                    return "ok";
                }
            }
            """,
            HotPath(0, "in a request handler (it runs for every request)"));
    }

    [Fact]
    public async Task Attach_in_a_minimal_api_lambda_is_reported()
    {
        await V.AnalyzerAsync(Usings + Handler + """
            namespace Microsoft.AspNetCore.Routing { public interface IEndpointRouteBuilder { } }

            static class EndpointExtensions
            {
                public static void MapGet(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app, string pattern, Func<string> handler) { }
            }

            static class Api
            {
                public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app) =>
                    app.MapGet("/orders", () =>
                    {
                        {|#0:TelemetryHub.Default.Attach("myapp-per-request", new Logger())|};
                        return "ok";
                    });
            }
            """,
            HotPath(0, "in a request handler (it runs for every request)"));
    }

    private const string MinimalApi = """
        namespace Microsoft.AspNetCore.Routing { public interface IEndpointRouteBuilder { } }
        namespace Microsoft.AspNetCore.Builder
        {
            public static class EndpointRouteBuilderExtensions
            {
                public static object MapGet(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
                public static object MapPost(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
            }
        }

        """;

    [Fact]
    public async Task Attach_in_a_minimal_api_lambda_passed_as_Delegate_is_reported_in_a_method()
    {
        await V.AnalyzerAsync(Usings + "using Microsoft.AspNetCore.Builder;\n" + Handler + MinimalApi + """
            static class Api
            {
                public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
                {
                    app.MapGet("/orders", () =>
                    {
                        {|#0:TelemetryHub.Default.Attach("myapp-per-request", new Logger())|};
                        return "ok";
                    });
                    app.MapPost("/orders/{id}", (int id) => {|#1:TelemetryHub.Default.Attach("myapp-order-" + id, new Logger())|});
                    app.MapGet("/count", (Func<int>)(() => { {|#2:TelemetryHub.Default.Attach("myapp-cast", new Logger())|}; return 1; }));
                }
            }
            """,
            HotPath(0, "in a request handler (it runs for every request)"),
            HotPath(1, "in a request handler (it runs for every request)"),
            HotPath(2, "in a request handler (it runs for every request)"));
    }

    [Fact]
    public async Task Attach_in_a_minimal_api_lambda_is_reported_in_top_level_statements()
    {
        await V.ProgramAsync(Usings + "using Microsoft.AspNetCore.Builder;\n" + """
            Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app = null!;
            TelemetryHub.Default.Attach("myapp-startup", new Logger());
            app.MapGet("/orders", () =>
            {
                {|#0:TelemetryHub.Default.Attach("myapp-per-request", new Logger())|};
                return "ok";
            });

            """ + Handler + MinimalApi,
            HotPath(0, "in a request handler (it runs for every request)"));
    }

    [Fact]
    public async Task Minimal_apis_registered_at_startup_are_fine()
    {
        await V.ProgramAsync(Usings + "using Microsoft.AspNetCore.Builder;\n" + """
            Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app = null!;
            TelemetryHub.Default.Attach("myapp-startup", new Logger());
            var logger = new Logger();
            app.MapGet("/orders", () => "ok");
            app.MapPost("/handlers", () => TelemetryHub.Default.ListHandlers().Count);
            app.MapGet("/health", Health);
            static string Health() => "ok";
            Startup.Register(app);

            static class Startup
            {
                public static void Register(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
                {
                    TelemetryHub.Default.Attach("myapp-register", new Logger());
                    app.MapGet("/ping", () => "pong");
                }
            }

            """ + Handler + MinimalApi);
    }

    [Fact]
    public async Task Attach_in_a_timer_callback_is_reported_and_a_one_shot_task_is_not()
    {
        await V.AnalyzerAsync(Usings + Handler + """
            sealed class Poller
            {
                private Timer? _timer;
                private System.Timers.Timer? _elapsed;

                public void Start()
                {
                    _timer = new Timer(_ => {|#0:TelemetryHub.Default.Attach("myapp-tick", new Logger())|}, null, 0, 1000);
                    _timer = new Timer(state => { {|#1:TelemetryHub.Default.Attach("myapp-tick-2", new Logger())|}; }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
                    _elapsed = new System.Timers.Timer(1000);
                    _elapsed.Elapsed += (sender, args) => {|#2:TelemetryHub.Default.Attach("myapp-elapsed", new Logger())|};
                    Task.Run(() => TelemetryHub.Default.Attach("myapp-once", new Logger()));
                }
            }
            """,
            HotPath(0, "in a timer callback (it runs on every tick)"),
            HotPath(1, "in a timer callback (it runs on every tick)"),
            HotPath(2, "in a timer callback (it runs on every tick)"));
    }
}
