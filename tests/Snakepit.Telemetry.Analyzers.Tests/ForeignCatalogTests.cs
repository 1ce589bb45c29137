using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Snakepit.Telemetry.CodeFixes;
using Xunit;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>SNK005: this project's events under another assembly's catalog name, in events.yaml and in code.</summary>
public class ForeignCatalogTests
{
    private const string OwnCatalog = """
        using Snakepit.Telemetry;

        [assembly: TelemetryCatalog("myapp", typeof(MyApp.RequestDone))]

        namespace MyApp
        {
            public readonly struct RequestDone : ITelemetryEvent
            {
                public const string Name = "myapp.request.done";
                string ITelemetryEvent.EventName => Name;
                int ITelemetryEvent.MeasurementCount => 0;
                int ITelemetryEvent.MetadataCount => 0;
                TelemetryField ITelemetryEvent.GetMeasurement(int index) => throw new System.ArgumentOutOfRangeException();
                TelemetryField ITelemetryEvent.GetMetadata(int index) => throw new System.ArgumentOutOfRangeException();
            }
        }
        """;

    [Fact]
    public async Task Catalog_declaring_another_assemblys_catalog_name_is_reported_in_the_yaml()
    {
        var test = new CSharpAnalyzerTest<ForeignCatalogAnalyzer, DefaultVerifier>
        {
            TestCode = "class Placeholder { }",
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(TelemetryHub).Assembly.Location));
        test.TestState.AdditionalFiles.Add(("events.yaml", "# my events\ncatalog: snakepit\nnamespace: MyApp.Telemetry\nevents: {}\n"));
        test.TestState.AdditionalFiles.Add(("other.events.yaml", "catalog: myapp\nnamespace: MyApp.Telemetry\nevents: {}\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(HandlerDiagnostics.ForeignCatalogName)
            .WithSpan("events.yaml", 2, 10, 2, 18)
            .WithArguments("snakepit", "Snakepit.Telemetry"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Names_under_a_foreign_catalog_in_code_are_reported_and_moved_to_the_own_catalog()
    {
        var test = new CSharpCodeFixTest<UnknownEventNameAnalyzer, UnknownEventNameCodeFixProvider, DefaultVerifier>
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        test.TestState.Sources.Add(OwnCatalog);
        test.TestState.Sources.Add("""
            static class Use
            {
                static void Run(Snakepit.Telemetry.TelemetryHub hub) => hub.ListHandlers({|#0:"snakepit.request.done"|});
            }
            """);
        test.FixedState.Sources.Add(OwnCatalog);
        test.FixedState.Sources.Add("""
            static class Use
            {
                static void Run(Snakepit.Telemetry.TelemetryHub hub) => hub.ListHandlers("myapp.request.done");
            }
            """);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(TelemetryHub).Assembly.Location));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(HandlerDiagnostics.ForeignEventName).WithLocation(0)
            .WithArguments("snakepit.request.done", "snakepit", "Snakepit.Telemetry", " ('myapp.request.done')"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Hand_written_event_under_another_catalog_is_reported_and_fixed()
    {
        const string Event = """
            public readonly struct CustomThing : Snakepit.Telemetry.ITelemetryEvent
            {
                public const string Name = {|#0:"snakepit.custom.thing"|};
                string Snakepit.Telemetry.ITelemetryEvent.EventName => Name;
                int Snakepit.Telemetry.ITelemetryEvent.MeasurementCount => 0;
                int Snakepit.Telemetry.ITelemetryEvent.MetadataCount => 0;
                Snakepit.Telemetry.TelemetryField Snakepit.Telemetry.ITelemetryEvent.GetMeasurement(int index) => throw new System.ArgumentOutOfRangeException();
                Snakepit.Telemetry.TelemetryField Snakepit.Telemetry.ITelemetryEvent.GetMetadata(int index) => throw new System.ArgumentOutOfRangeException();
            }

            public readonly struct Other : Snakepit.Telemetry.ITelemetryEvent
            {
                public string EventName => {|#1:"snakepit.other"|};
                public int MeasurementCount => 0;
                public int MetadataCount => 0;
                public Snakepit.Telemetry.TelemetryField GetMeasurement(int index) => throw new System.ArgumentOutOfRangeException();
                public Snakepit.Telemetry.TelemetryField GetMetadata(int index) => throw new System.ArgumentOutOfRangeException();
            }

            static class Use
            {
                static void Run(Snakepit.Telemetry.TelemetryHub hub) => hub.Emit(new CustomThing());
            }
            """;
        var test = new CSharpCodeFixTest<ForeignCatalogAnalyzer, UnknownEventNameCodeFixProvider, DefaultVerifier>
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        test.TestState.Sources.Add(OwnCatalog);
        test.TestState.Sources.Add(Event);
        test.FixedState.Sources.Add(OwnCatalog);
        test.FixedState.Sources.Add(Event.Replace("{|#0:\"snakepit.custom.thing\"|}", "\"myapp.custom.thing\"").Replace("{|#1:\"snakepit.other\"|}", "\"myapp.other\""));
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(TelemetryHub).Assembly.Location));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(HandlerDiagnostics.ForeignEventName).WithLocation(0)
            .WithArguments("snakepit.custom.thing", "snakepit", "Snakepit.Telemetry", " ('myapp.custom.thing')"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(HandlerDiagnostics.ForeignEventName).WithLocation(1)
            .WithArguments("snakepit.other", "snakepit", "Snakepit.Telemetry", " ('myapp.other')"));
        await test.RunAsync();
    }
}
