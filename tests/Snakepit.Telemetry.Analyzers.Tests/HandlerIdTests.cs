using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using V = Snakepit.Telemetry.Analyzers.Tests.Verify<Snakepit.Telemetry.Analyzers.HandlerIdAnalyzer>;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>SNK007: duplicate handler ids (error); SNK011: ids that say nothing (info).</summary>
public class HandlerIdTests
{
    private const string Usings = "using Snakepit.Telemetry;\nusing Snakepit.Telemetry.Events;\n";

    [Fact]
    public async Task Descriptive_unique_ids_are_fine()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-python-logger")]
            partial class A : IPythonCallStopHandler { public void Handle(in PythonCallStop e) { } }

            [TelemetryHandler("myapp-queue-monitor")]
            partial class B : IPoolStatusHandler { public void Handle(in PoolStatus e) { } }
            """);
    }

    [Fact]
    public async Task Two_handlers_with_one_id_are_both_reported()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler({|#0:"myapp-python-logger"|})]
            partial class A : IPythonCallStopHandler { public void Handle(in PythonCallStop e) { } }

            [TelemetryHandler({|#1:"myapp-python-logger"|})]
            partial class B : IPoolStatusHandler { public void Handle(in PoolStatus e) { } }
            """,
            V.Diagnostic("SNK007").WithLocation(0).WithArguments("myapp-python-logger", "B"),
            V.Diagnostic("SNK007").WithLocation(1).WithArguments("myapp-python-logger", "A"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("handler1")]
    [InlineData("test")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    public async Task Ids_that_say_nothing_get_an_info(string id)
    {
        await V.AnalyzerAsync(Usings + $$"""
            [TelemetryHandler({|#0:"{{id}}"|})]
            partial class A : IPythonCallStopHandler { public void Handle(in PythonCallStop e) { } }
            """,
            V.Diagnostic("SNK011").WithSeverity(DiagnosticSeverity.Info).WithLocation(0).WithArguments(id));
    }
}
