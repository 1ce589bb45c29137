using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>
/// How catalogs combine, as documented in docs/reliability.md: several catalogs in one project, the same catalog
/// twice (two files, or one file listed twice), a catalog compiled into a referenced assembly, and a catalog edited
/// while the IDE holds the generated code of its earlier text.
/// </summary>
public class CatalogCompositionTests
{
    private const string Billing = """
        catalog: billing
        namespace: Billing.Telemetry
        events:
          billing.invoice.sent:
            description: An invoice was sent.
            measurements:
              amount: double
            metadata:
              customer: string
        """;

    [Fact]
    public void Several_catalogs_in_one_project_each_generate_their_own_class()
    {
        var result = GeneratorHarness.Run(
            new[] { new InMemoryText("/app/events.yaml", Catalogs.Shop), new InMemoryText("/app/billing.events.yaml", Billing) },
            LanguageVersion.Latest,
            "namespace App { static class Use { static void Run() { _ = Shop.Telemetry.ShopEvents.IsOrderPlacedEnabled; Billing.Telemetry.BillingEvents.InvoiceSent(2.0, \"c\"); } } }");

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.Contains(result.Sources.Keys, k => k.StartsWith("Shop.Telemetry.ShopEvents.", System.StringComparison.Ordinal));
        Assert.Contains(result.Sources.Keys, k => k.StartsWith("Billing.Telemetry.BillingEvents.", System.StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_catalog_in_two_files_is_reported_at_the_second_and_the_first_still_generates()
    {
        var result = GeneratorHarness.Run(
            new[] { new InMemoryText("/app/events.yaml", Billing), new InMemoryText("/app/copy.events.yaml", Billing) },
            LanguageVersion.Latest);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SNK103", diagnostic.Id);
        Assert.Equal("/app/events.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("/app/copy.events.yaml", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.NotEmpty(result.Sources);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void One_file_listed_twice_is_one_catalog()
    {
        // MSBuild globs overlap (<AdditionalFiles Include="**/*.yaml" /> beside an explicit item): the same path twice
        // is the same file, read once.
        var result = GeneratorHarness.Run(
            new[] { new InMemoryText("/app/events.yaml", Billing), new InMemoryText("/app/events.yaml", Billing) },
            LanguageVersion.Latest,
            "namespace App { static class Use { static void Run() => Billing.Telemetry.BillingEvents.InvoiceSent(2.0, \"c\"); } }");

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void A_file_listed_twice_reports_its_errors_once()
    {
        var broken = Billing.Replace("customer: string", "customer: strng");
        Assert.NotEqual(Billing, broken);
        var result = GeneratorHarness.Run(
            new[] { new InMemoryText("/app/events.yaml", broken), new InMemoryText("/app/events.yaml", broken) },
            LanguageVersion.Latest);

        Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SNK104");
    }

    [Fact]
    public void A_catalog_of_a_referenced_assembly_is_used_as_compiled_and_may_sit_beside_this_projects_own()
    {
        var library = GeneratorHarness.Run(Billing, "/lib/events.yaml");
        Assert.Empty(library.CompilationProblems);
        using var image = new MemoryStream();
        var emitted = library.Output.WithAssemblyName("Billing.Library").Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var reference = MetadataReference.CreateFromImage(image.ToArray());

        // The application has a catalog of its own; it emits the library's events and handles them in a handler class.
        var result = GeneratorHarness.Run(
            new[] { new InMemoryText("/app/events.yaml", Catalogs.Shop) },
            LanguageVersion.Latest,
            GeneratorHarness.References.Add(reference),
            """
            using Snakepit.Telemetry;
            using Billing.Telemetry;

            namespace App
            {
                [TelemetryHandler("app-invoices")]
                public sealed partial class Invoices
                {
                    public double Total;

                    [OnEvent("billing.invoice.sent")]
                    private void OnSent(in InvoiceSent e) => Total += e.Amount;

                    public static void Send() => BillingEvents.InvoiceSent(3.0, "c");
                }
            }
            """);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.DoesNotContain(result.Sources.Keys, k => k.StartsWith("Billing.", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_catalog_edited_while_open_regenerates_breaks_to_nothing_and_comes_back()
    {
        var compilation = GeneratorHarness.Compilation(LanguageVersion.Latest, "namespace App { internal static class Placeholder { } }");
        var text = new InMemoryText("/app/events.yaml", Billing);
        var driver = GeneratorHarness.Driver(new[] { text }).RunGenerators(compilation);
        Assert.Contains(driver.GetRunResult().GeneratedTrees, t => t.ToString().Contains("struct InvoiceSent ", System.StringComparison.Ordinal));

        // Renamed event: the new type replaces the old one.
        var renamed = new InMemoryText("/app/events.yaml", Billing.Replace("billing.invoice.sent", "billing.invoice.mailed", System.StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(text, renamed).RunGenerators(compilation);
        Assert.Contains(driver.GetRunResult().GeneratedTrees, t => t.ToString().Contains("struct InvoiceMailed ", System.StringComparison.Ordinal));
        Assert.DoesNotContain(driver.GetRunResult().GeneratedTrees, t => t.ToString().Contains("struct InvoiceSent ", System.StringComparison.Ordinal));

        // Half typed: a located error and no code at all (never code from a half-read catalog).
        var broken = new InMemoryText("/app/events.yaml", Billing.Replace("amount: double", "amount: [dou", System.StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(renamed, broken).RunGenerators(compilation);
        var run = driver.GetRunResult();
        Assert.Empty(run.Results.Single(r => r.Generator.GetGeneratorType() == typeof(CatalogGenerator)).GeneratedSources);
        Assert.Equal("SNK100", Assert.Single(run.Diagnostics).Id);

        // Fixed: the code comes back.
        driver = driver.ReplaceAdditionalText(broken, text).RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Contains(driver.GetRunResult().GeneratedTrees, t => t.ToString().Contains("struct InvoiceSent ", System.StringComparison.Ordinal));
    }
}
