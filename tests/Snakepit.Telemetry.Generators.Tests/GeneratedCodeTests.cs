using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>The generated code compiles warning-free (down to C# 8) and runs: handlers receive typed events.</summary>
public class GeneratedCodeTests
{
    [Theory]
    [InlineData(LanguageVersion.CSharp8)]
    [InlineData(LanguageVersion.CSharp10)]
    [InlineData(LanguageVersion.Latest)]
    public void Shop_catalog_compiles_without_warnings(LanguageVersion languageVersion)
    {
        var result = GeneratorHarness.Run(Catalogs.Shop, "/app/shop.events.yaml", languageVersion);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);

        // C# 9 and later register the catalog from a module initializer (AOT-safe binding); C# 8 cannot.
        Assert.Equal(languageVersion != LanguageVersion.CSharp8, result.Sources.ContainsKey("Shop.Telemetry.ShopEvents.Registration.g.cs"));
    }

    [Fact]
    public void Snakepit_catalog_compiles_without_warnings_at_CSharp8()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "events.yaml"));
        var result = GeneratorHarness.Run(yaml.Replace("namespace: Snakepit.Telemetry.Events", "namespace: Copy.Events"), "/app/events.yaml", LanguageVersion.CSharp8);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.Contains("public static void PythonCallStop(", result.Sources["Copy.Events.SnakepitEvents.g.cs"]);
    }

    [Fact]
    public void Generated_api_has_the_documented_names_and_shapes()
    {
        const string usage = """
            using System;
            using Shop.Telemetry;

            namespace App
            {
                public sealed class Handler : IOrderPlacedHandler
                {
                    public void Handle(in OrderPlaced e)
                    {
                        string name = OrderPlaced.Name;
                        Console.WriteLine(name);
                        double total = e.Total;
                        long count = e.ItemCount;
                        string id = e.OrderId;
                        PaymentMethod method = e.Method;
                        string? coupon = e.Coupon;
                        string node = e.Node;
                        string region = e.Region;
                    }
                }

                public static class Use
                {
                    public static void Run()
                    {
                        bool enabled = ShopEvents.IsOrderPlacedEnabled;
                        ShopEvents.OrderPlaced(1.5, 2, "o-1", PaymentMethod.BankTransfer);
                        ShopEvents.OrderPlaced(total: 1.5, itemCount: 2, orderId: "o-1", method: PaymentMethod.Cash, coupon: "SPRING");
                        ShopEvents.CommonMetadata.Region = "eu-west";
                        CheckoutSpan span = ShopEvents.StartCheckout("cart-1", customer: "ann");
                        TimeSpan elapsed = span.Elapsed;
                        span.Stop(CheckoutStopOutcome.Paid);
                        span.Exception("card declined");
                        string value = ShopEvents.ToCatalogValue(PaymentMethod.BankTransfer);
                        Snakepit.Telemetry.ITelemetryEvent boxed = new OrderPlaced(1, 1, "o", PaymentMethod.Card);
                    }
                }
            }
            """;
        var result = GeneratorHarness.Run(new[] { new InMemoryText("/app/shop.events.yaml", Catalogs.Shop) }, LanguageVersion.Latest, usage);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void Deprecated_event_is_obsolete_for_users_with_the_catalog_message()
    {
        const string usage = """
            namespace App
            {
                public static class Use
                {
                    public static void Run() => Shop.Telemetry.ShopEvents.LegacyPing(1);
                }
            }
            """;
        var result = GeneratorHarness.Run(new[] { new InMemoryText("/app/shop.events.yaml", Catalogs.Shop) }, LanguageVersion.Latest, usage);
        var warning = Assert.Single(result.CompilationProblems);
        Assert.Equal("CS0618", warning.Id);
        Assert.Contains("use shop.order.placed instead", warning.GetMessage());
    }

    [Fact]
    public void Keyword_field_names_become_escaped_parameters()
    {
        var source = GeneratorHarness.Run(Catalogs.Shop, "/app/shop.events.yaml").Sources["Shop.Telemetry.ShopEvents.g.cs"];
        Assert.Contains("public static void LegacyPing(long count, bool? @event = null)", source);
    }

    [Fact]
    public void Generated_emitters_and_spans_deliver_typed_events_at_run_time()
    {
        const string probe = """
            using System;
            using Shop.Telemetry;
            using Snakepit.Telemetry;

            namespace App
            {
                public sealed class Probe : IOrderPlacedHandler, ICheckoutStartHandler, ICheckoutStopHandler, ICheckoutExceptionHandler
                {
                    private string _log = "";

                    public void Handle(in OrderPlaced e) => _log += $"order {e.OrderId} {e.Total} {e.ItemCount} {e.Method} {e.Coupon ?? "-"} {e.Region};";
                    public void Handle(in CheckoutStart e) => _log += $"start {e.CartId} {e.Customer} {e.SystemTime.Year > 2000};";
                    public void Handle(in CheckoutStop e) => _log += $"stop {e.CartId} {e.Customer} {e.Outcome} {e.Duration >= TimeSpan.Zero};";
                    public void Handle(in CheckoutException e) => _log += $"exception {e.CartId} {e.Error};";

                    public static string Run()
                    {
                        var probe = new Probe();
                        ShopEvents.CommonMetadata.Region = "eu";
                        ShopEvents.OrderPlaced(9.5, 2, "o-1", PaymentMethod.Card);
                        TelemetryHub.Default.Attach("probe", probe);
                        ShopEvents.OrderPlaced(12.5, 3, "o-2", PaymentMethod.BankTransfer, coupon: "SPRING");
                        var span = ShopEvents.StartCheckout("c-1", customer: "ann");
                        span.Stop(CheckoutStopOutcome.Paid);
                        ShopEvents.StartCheckout("c-2").Exception("declined");
                        TelemetryHub.Default.Detach("probe");
                        ShopEvents.OrderPlaced(1, 1, "o-3", PaymentMethod.Cash);
                        return probe._log;
                    }
                }
            }
            """;
        var result = GeneratorHarness.Run(new[] { new InMemoryText("/app/shop.events.yaml", Catalogs.Shop) }, LanguageVersion.Latest, probe);
        Assert.Empty(result.CompilationProblems);

        using var stream = new MemoryStream();
        var emit = result.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        var context = new AssemblyLoadContext("generated", isCollectible: true);
        try
        {
            stream.Position = 0;
            var assembly = context.LoadFromStream(stream);
            var log = (string)assembly.GetType("App.Probe")!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
            Assert.Equal(
                "order o-2 12.5 3 BankTransfer SPRING eu;" +
                "start c-1 ann True;" +
                "stop c-1 ann Paid True;" +
                "start c-2  True;" +
                "exception c-2 declined;",
                log);
        }
        finally
        {
            context.Unload();
        }
    }
}
