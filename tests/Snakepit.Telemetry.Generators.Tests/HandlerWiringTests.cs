using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>The wiring generated for [TelemetryHandler] classes: snapshots, compilation, caching and robustness.</summary>
public class HandlerWiringTests
{
    private const string Handlers = """
        using Snakepit.Telemetry;
        using Snakepit.Telemetry.Events;
        using Shop.Telemetry;

        namespace App
        {
            [TelemetryHandler("app-orders")]
            public sealed partial class OrderHandler : IOrderPlacedHandler
            {
                public void Handle(in OrderPlaced e) { }

                [OnEvent("snakepit.python.call.stop")]
                private void OnStop(in PythonCallStop e) { }

                [OnEvent("shop.checkout.stop")]
                private void OnCheckout(CheckoutStop e) { }

                [OnEvent("snakepit.pool.*")]
                private void OnPool<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent { }
            }

            [TelemetryHandler("app-needs-service")]
            internal sealed partial class NeedsService : IPoolStatusHandler
            {
                public NeedsService(string name) { }

                public void Handle(in PoolStatus e) { }
            }

            public static partial class Outer
            {
                [TelemetryHandler("app-nested")]
                private sealed partial class Hidden : IPoolStatusHandler
                {
                    public void Handle(in PoolStatus e) { }
                }
            }

            [TelemetryHandler("app-not-partial")]
            public sealed class NotPartial : IPoolStatusHandler
            {
                public void Handle(in PoolStatus e) { }
            }

            [TelemetryHandler("app-bad-signature")]
            public sealed partial class BadSignature
            {
                [OnEvent("snakepit.python.call.stop")]
                private int OnStop(in PoolStatus e) => 0;
            }
        }
        """;

    [Fact]
    public void Wiring_matches_the_reviewed_snapshots_and_compiles_without_warnings()
    {
        var result = GeneratorHarness.Run(
            new[] { new InMemoryText("/app/shop.events.yaml", Catalogs.Shop) },
            LanguageVersion.Latest,
            GeneratorHarness.HostingReferences,
            Handlers);

        Assert.Empty(result.Exceptions);
        Assert.Empty(result.CompilationProblems);
        var wiring = result.WiringSources;
        Assert.Equal(
            new[]
            {
                "App.NeedsService.TelemetryHandler.g.cs",
                "App.OrderHandler.TelemetryHandler.g.cs",
                "App.Outer.Hidden.TelemetryHandler.g.cs",
                "TelemetryHandlers.Hosting.g.cs",
                "TelemetryHandlers.g.cs",
            },
            wiring.Keys.OrderBy(k => k, StringComparer.Ordinal));

        Snapshots.Verify(wiring, "Wiring.");
    }

    [Fact]
    public void AttachAll_creates_only_classes_it_can_construct_and_names_the_others()
    {
        var result = GeneratorHarness.Run(new[] { new InMemoryText("/app/shop.events.yaml", Catalogs.Shop) }, LanguageVersion.Latest, Handlers);
        var assembly = result.Sources["TelemetryHandlers.g.cs"];
        Assert.Contains("Attach(hub, new global::App.OrderHandler(), attached);", assembly);
        Assert.DoesNotContain("new global::App.NeedsService(", assembly);
        Assert.Contains("Not created by AttachAll (no parameterless constructor): App.NeedsService.", assembly);
        Assert.DoesNotContain("Hidden", assembly);
        Assert.DoesNotContain("NotPartial", assembly);
        Assert.False(result.Sources.ContainsKey("TelemetryHandlers.Hosting.g.cs"), "hosting wiring needs Snakepit.Telemetry.Hosting");
    }

    [Fact]
    public void Payloads_of_the_compilations_own_catalog_are_bound_by_event_name()
    {
        var wiring = GeneratorHarness.Run(new[] { new InMemoryText("/app/shop.events.yaml", Catalogs.Shop) }, LanguageVersion.Latest, Handlers)
            .Sources["App.OrderHandler.TelemetryHandler.g.cs"];
        Assert.Contains("builder.On<global::Shop.Telemetry.OrderPlaced>(((global::Shop.Telemetry.IOrderPlacedHandler)this).Handle);", wiring);
        Assert.Contains("builder.On<global::Shop.Telemetry.CheckoutStop>((in global::Shop.Telemetry.CheckoutStop e) => this.OnCheckout(e));", wiring);
        Assert.Contains("builder.On<global::Snakepit.Telemetry.Events.PythonCallStop>(this.OnStop);", wiring);
        Assert.Contains("builder.OnEvents(new __SnakepitAdapter0(this), \"snakepit.pool.*\");", wiring);
    }

    [Fact]
    public void Editing_an_unrelated_file_leaves_the_wiring_cached()
    {
        var references = GeneratorHarness.References;
        var compilation = GeneratorHarness.Compilation(LanguageVersion.Latest, references, Handlers, "namespace App { class Other { int X => 1; } }");
        var driver = GeneratorHarness.Driver(new[] { new InMemoryText("/app/shop.events.yaml", Catalogs.Shop) }).RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.ElementAt(1),
            CSharpSyntaxTree.ParseText("namespace App { class Other { int X => 2; int Y => 3; } }", new CSharpParseOptions(LanguageVersion.Latest), path: "Source1.cs"));
        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(CatalogGenerator));

        foreach (var step in new[] { Wiring.HandlerWiringPipeline.Steps.HandlerClasses, Wiring.HandlerWiringPipeline.Steps.ResolvedHandlerClasses, Wiring.HandlerWiringPipeline.Steps.AssemblyHandlers })
        {
            Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"{step} was {o.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o =>
            Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Incomplete_handler_code_never_makes_the_generator_throw()
    {
        for (var length = 0; length <= Handlers.Length; length += 23)
        {
            var result = GeneratorHarness.Run(new[] { new InMemoryText("/app/shop.events.yaml", Catalogs.Shop) }, LanguageVersion.Latest, Handlers.Substring(0, length));
            Assert.Empty(result.Exceptions);
            Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Id is "CS8784" or "CS8785");
        }
    }

    [Theory]
    [InlineData("Snakepit.Sample", "Snakepit.Sample")]
    [InlineData("my-app", "my_app")]
    [InlineData("2fast.class", "_2fast.@class")]
    public void Assembly_names_become_valid_namespaces(string assemblyName, string expected) =>
        Assert.Equal(expected, Wiring.HandlerWiringPipeline.ToNamespace(assemblyName));
}
