using System.Threading.Tasks;
using Snakepit.Telemetry.CodeFixes;
using Xunit;
using V = Snakepit.Telemetry.Analyzers.Tests.Verify<Snakepit.Telemetry.Analyzers.TelemetryHandlerClassAnalyzer>;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>SNK010: handler classes that are not partial or bind nothing, and the fix that makes them partial.</summary>
public class HandlerClassTests
{
    private const string Usings = "using Snakepit.Telemetry;\nusing Snakepit.Telemetry.Events;\n";

    [Fact]
    public async Task Partial_class_with_a_binding_is_fine()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-a")]
            public sealed partial class A : IPoolStatusHandler { public void Handle(in PoolStatus e) { } }

            [TelemetryHandler("myapp-b")]
            partial class B { [OnEvent("snakepit.pool.status")] void On(in PoolStatus e) { } }
            """);
    }

    [Fact]
    public async Task Class_that_is_not_partial_is_reported()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-a")]
            public sealed class {|#0:A|} : IPoolStatusHandler { public void Handle(in PoolStatus e) { } }
            """,
            V.Diagnostic("SNK010").WithLocation(0).WithArguments("A", ""));
    }

    [Fact]
    public async Task Class_that_binds_nothing_is_reported()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-a")]
            partial class {|#0:A|} { void Handle(in PoolStatus e) { } }
            """,
            V.Diagnostic("SNK010").WithLocation(0).WithArguments("A"));
    }

    [Fact]
    public async Task Class_whose_only_binding_is_invalid_is_not_SNK010()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-a")]
            partial class A { [OnEvent("snakepit.nothing")] void On(in PoolStatus e) { } }
            """);
    }

    [Fact]
    public async Task Fix_makes_the_class_and_its_containing_types_partial()
    {
        await V.CodeFixAsync<TelemetryHandlerClassCodeFixProvider>(
            Usings + """
            public static class Outer
            {
                [TelemetryHandler("myapp-a")]
                public sealed class {|#0:A|} : IPoolStatusHandler { public void Handle(in PoolStatus e) { } }
            }
            """,
            Usings + """
            public static partial class Outer
            {
                [TelemetryHandler("myapp-a")]
                public sealed partial class A : IPoolStatusHandler { public void Handle(in PoolStatus e) { } }
            }
            """,
            expected: V.Diagnostic("SNK010").WithLocation(0).WithArguments("A", " (and so must its containing types)"));
    }

    [Fact]
    public async Task Fix_all_makes_every_handler_class_partial()
    {
        await V.FixAllAsync<TelemetryHandlerClassCodeFixProvider>(
            Usings + """
            [TelemetryHandler("myapp-a")]
            public sealed class {|SNK010:A|} : IPoolStatusHandler { public void Handle(in PoolStatus e) { } }

            [TelemetryHandler("myapp-b")]
            internal class {|SNK010:B|} : IPoolStatusHandler { public void Handle(in PoolStatus e) { } }
            """,
            Usings + """
            [TelemetryHandler("myapp-a")]
            public sealed partial class A : IPoolStatusHandler { public void Handle(in PoolStatus e) { } }

            [TelemetryHandler("myapp-b")]
            internal partial class B : IPoolStatusHandler { public void Handle(in PoolStatus e) { } }
            """);
    }

    [Fact]
    public async Task A_queue_capacity_the_runtime_refuses_is_reported_at_the_argument()
    {
        await V.AnalyzerAsync("""
            using Snakepit.Telemetry;
            using Snakepit.Telemetry.Events;

            [TelemetryHandler("myapp-zero", Dispatch = TelemetryDispatchMode.Background, {|#0:QueueCapacity = 0|})]
            public sealed partial class Zero : IPoolStatusHandler { public void Handle(in PoolStatus e) { } }

            [TelemetryHandler("myapp-huge", Dispatch = TelemetryDispatchMode.Background, {|#1:QueueCapacity = 2_000_000|})]
            public sealed partial class Huge : IPoolStatusHandler { public void Handle(in PoolStatus e) { } }

            [TelemetryHandler("myapp-fine", Dispatch = TelemetryDispatchMode.Background, QueueCapacity = 1_048_576)]
            public sealed partial class Fine : IPoolStatusHandler { public void Handle(in PoolStatus e) { } }
            """,
            V.Diagnostic(HandlerDiagnostics.HandlerQueueCapacity).WithLocation(0).WithArguments("Zero", "0"),
            V.Diagnostic(HandlerDiagnostics.HandlerQueueCapacity).WithLocation(1).WithArguments("Huge", "2000000"));
    }
}
