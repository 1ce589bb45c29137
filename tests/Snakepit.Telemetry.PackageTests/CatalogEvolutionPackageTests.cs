using System.IO;
using System.Linq;
using Xunit;

namespace Snakepit.Telemetry.PackageTests;

/// <summary>
/// Catalog baselines and reference pages as a user of the package meets them: a breaking change fails the build at
/// its place in the catalog, SnakepitShipCatalogs accepts it, and SnakepitCatalogDocs writes the catalog's page.
/// </summary>
[Collection(PackageCollection.Name)]
public class CatalogEvolutionPackageTests
{
    private readonly PackageFixture _package;

    public CatalogEvolutionPackageTests(PackageFixture package) => _package = package;

    [Fact]
    public void Package_carries_the_build_targets_and_the_catalog_tool()
    {
        var (entries, _) = PackageTests.Contents(_package.PackagePath);
        Assert.Contains("build/Snakepit.Telemetry.targets", entries);
        Assert.Contains("buildMultiTargeting/Snakepit.Telemetry.targets", entries);
        foreach (var file in new[] { "Snakepit.Telemetry.CatalogTool.dll", "Snakepit.Telemetry.CatalogTool.runtimeconfig.json", "Snakepit.Telemetry.Generators.dll", "YamlDotNet.dll", "Microsoft.CodeAnalysis.dll", "Microsoft.CodeAnalysis.CSharp.dll" })
        {
            Assert.Contains("tools/catalog/" + file, entries);
        }
    }

    [Fact]
    public void A_breaking_change_fails_the_build_in_the_catalog_and_SnakepitShipCatalogs_accepts_it()
    {
        var project = _package.CopyConsumer("Evolution");
        var csproj = Path.Combine(project, "Consumer.Evolution.csproj");
        var catalog = Path.Combine(project, "orders.events.yaml");
        var baseline = Path.Combine(project, "orders.events.shipped.yaml");

        var clean = _package.Dotnet(project, "build", csproj);
        Assert.True(clean.ExitCode == 0, clean.Output);
        Assert.DoesNotContain("SNK109", clean.Output);

        // Remove an enum value and a metric's tag: two breaking changes, each at its place.
        var broken = File.ReadAllText(catalog)
            .Replace("channel: [web, app, store]", "channel: [web, app]")
            .Replace("kind: sum, tags: [channel],", "kind: sum,");
        File.WriteAllText(catalog, broken);
        var failed = _package.Dotnet(project, "build", csproj);
        Assert.NotEqual(0, failed.ExitCode);
        var lines = broken.Split('\n').ToList();
        var enumLine = lines.FindIndex(l => l.StartsWith("  channel: [", System.StringComparison.Ordinal)) + 1;
        var metricLine = lines.FindIndex(l => l.Contains("name: orders.order.placed.total")) + 1;
        var metricColumn = lines[metricLine - 1].IndexOf("orders.order.placed.total", System.StringComparison.Ordinal) + 1;
        Assert.Contains($"orders.events.yaml({enumLine},3): error SNK109: Breaking change: value 'store' was removed from enum 'channel'; the shipped baseline 'orders.events.shipped.yaml' has [web, app, store].", failed.Output);
        Assert.Contains($"orders.events.yaml({metricLine},{metricColumn}): error SNK109: Breaking change: tag 'channel' was removed from metric 'orders.order.placed.total'", failed.Output);
        Assert.Contains("dotnet msbuild -t:SnakepitShipCatalogs", failed.Output);

        var ship = _package.Dotnet(project, "msbuild", csproj, "-t:SnakepitShipCatalogs");
        Assert.True(ship.ExitCode == 0, ship.Output);
        Assert.Contains("shipped " + catalog + " as " + baseline, ship.Output);
        Assert.Equal(broken, File.ReadAllText(baseline));

        var accepted = _package.Dotnet(project, "build", csproj);
        Assert.True(accepted.ExitCode == 0, accepted.Output);
        Assert.DoesNotContain("SNK109", accepted.Output);
    }

    [Fact]
    public void Without_a_baseline_file_nothing_is_checked()
    {
        var project = _package.CopyConsumer("Evolution");
        File.Delete(Path.Combine(project, "orders.events.shipped.yaml"));
        var catalog = Path.Combine(project, "orders.events.yaml");
        File.WriteAllText(catalog, File.ReadAllText(catalog).Replace("channel: [web, app, store]", "channel: [web, app]"));
        var build = _package.Dotnet(project, "build", Path.Combine(project, "Consumer.Evolution.csproj"));
        Assert.True(build.ExitCode == 0, build.Output);
    }

    [Fact]
    public void SnakepitCatalogDocs_writes_the_catalogs_reference_page()
    {
        var project = _package.CopyConsumer("Evolution");
        var csproj = Path.Combine(project, "Consumer.Evolution.csproj");

        // On every build with the property: the page beside the catalog, written once for the two frameworks.
        var build = _package.Dotnet(project, "build", csproj, "-p:SnakepitCatalogDocs=true", "-v:n");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(build.Output, "CatalogTool.dll\" docs "));
        var page = File.ReadAllText(Path.Combine(project, "orders.events.md"));
        Assert.StartsWith("# `orders` events", page);
        Assert.Contains("orders.order.placed", page);
        Assert.Contains("An order was placed.", page);
        Assert.Contains("`orders.order.placed.total`", page);

        // On demand, into a folder of the user's choice.
        var target = _package.Dotnet(project, "msbuild", csproj, "-t:SnakepitCatalogDocs", "-p:SnakepitCatalogDocsDirectory=docs/telemetry");
        Assert.True(target.ExitCode == 0, target.Output);
        Assert.Equal(page, File.ReadAllText(Path.Combine(project, "docs", "telemetry", "orders.events.md")));
    }

    [Fact]
    public void SnakepitCatalogDocs_on_a_broken_catalog_fails_at_the_error_and_writes_no_page()
    {
        var project = _package.CopyConsumer("Evolution");
        var catalog = Path.Combine(project, "orders.events.yaml");
        File.WriteAllText(catalog, File.ReadAllText(catalog).Replace("total: { type: double,", "total: { type: doubel,"));
        var run = _package.Dotnet(project, "msbuild", Path.Combine(project, "Consumer.Evolution.csproj"), "-restore", "-t:SnakepitCatalogDocs");
        Assert.NotEqual(0, run.ExitCode);
        Assert.True(run.Output.Contains("orders.events.yaml(10,") && run.Output.Contains("error SNK104: Unknown type 'doubel'"), run.Output);
        Assert.DoesNotContain("MSB3073", run.Output);
        Assert.False(File.Exists(Path.Combine(project, "orders.events.md")), run.Output);
    }

    [Fact]
    public void SnakepitShipCatalogs_refuses_a_catalog_with_errors_and_leaves_the_baseline()
    {
        var project = _package.CopyConsumer("Evolution");
        var catalog = Path.Combine(project, "orders.events.yaml");
        var baseline = Path.Combine(project, "orders.events.shipped.yaml");
        var shipped = File.ReadAllText(baseline);
        File.WriteAllText(catalog, File.ReadAllText(catalog).Replace("total: { type: double,", "total: { type: double"));
        var run = _package.Dotnet(project, "msbuild", Path.Combine(project, "Consumer.Evolution.csproj"), "-restore", "-t:SnakepitShipCatalogs");
        Assert.NotEqual(0, run.ExitCode);
        Assert.True(run.Output.Contains("orders.events.yaml(") && run.Output.Contains("error SNK100"), run.Output);
        Assert.Contains("nothing was shipped: " + Path.Combine(project, "orders.events.yaml") + " has errors", run.Output);
        Assert.DoesNotContain("MSB3073", run.Output);
        Assert.Equal(shipped, File.ReadAllText(baseline));
    }

    [Fact]
    public void SnakepitShipCatalogs_ships_nothing_when_one_of_two_catalogs_has_errors()
    {
        var project = _package.CopyConsumer("Evolution");
        var csproj = Path.Combine(project, "Consumer.Evolution.csproj");
        var good = Path.Combine(project, "orders.events.yaml");
        var goodBaseline = Path.Combine(project, "orders.events.shipped.yaml");
        File.Delete(goodBaseline);
        File.WriteAllText(Path.Combine(project, "audit.events.yaml"), "catalog: audit\nnamespace: Consumer.Audit\nevents:\n  audit.entry.written:\n    description: [unclosed\n");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("<AdditionalFiles Include=\"orders.events.yaml\" />", "<AdditionalFiles Include=\"orders.events.yaml\" />\n    <AdditionalFiles Include=\"audit.events.yaml\" />"));

        var run = _package.Dotnet(project, "msbuild", csproj, "-restore", "-t:SnakepitShipCatalogs");
        Assert.NotEqual(0, run.ExitCode);
        Assert.True(run.Output.Contains("audit.events.yaml(") && run.Output.Contains("error SNK100"), run.Output);
        Assert.Contains("nothing was shipped", run.Output);
        Assert.False(File.Exists(goodBaseline), "the catalog without errors was shipped although the other one was not");
        Assert.False(File.Exists(Path.Combine(project, "audit.events.shipped.yaml")));
        Assert.True(File.Exists(good));
    }

    [Fact]
    public void SnakepitCatalogDocs_runs_again_only_when_a_catalog_changed()
    {
        var project = _package.CopyConsumer("Evolution");
        var csproj = Path.Combine(project, "Consumer.Evolution.csproj");
        var first = _package.Dotnet(project, "msbuild", csproj, "-restore", "-t:SnakepitCatalogDocs", "-v:n");
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("wrote ", first.Output);

        var again = _package.Dotnet(project, "msbuild", csproj, "-t:SnakepitCatalogDocs", "-v:n");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("Skipping target \"SnakepitCatalogDocs\" because all output files are up-to-date", again.Output);

        // Touched but not changed: the run keeps the page's text and gives it a new time, so the next run is skipped.
        var page = Path.Combine(project, "orders.events.md");
        var text = File.ReadAllText(page);
        File.SetLastWriteTimeUtc(page, System.DateTime.UtcNow.AddMinutes(-2));
        File.SetLastWriteTimeUtc(Path.Combine(project, "orders.events.yaml"), System.DateTime.UtcNow.AddMinutes(-1));
        var touched = _package.Dotnet(project, "msbuild", csproj, "-t:SnakepitCatalogDocs", "-v:n");
        Assert.True(touched.ExitCode == 0, touched.Output);
        Assert.DoesNotContain("Skipping target \"SnakepitCatalogDocs\"", touched.Output);
        Assert.DoesNotContain("wrote ", touched.Output);
        Assert.Equal(text, File.ReadAllText(page));
        var after = _package.Dotnet(project, "msbuild", csproj, "-t:SnakepitCatalogDocs", "-v:n");
        Assert.Contains("Skipping target \"SnakepitCatalogDocs\" because all output files are up-to-date", after.Output);
    }

    [Fact]
    public void Two_catalogs_that_would_write_the_same_page_are_an_error_that_names_it()
    {
        var project = _package.CopyConsumer("Evolution");
        var csproj = Path.Combine(project, "Consumer.Evolution.csproj");
        Directory.CreateDirectory(Path.Combine(project, "extra"));
        File.WriteAllText(
            Path.Combine(project, "extra", "orders.events.yaml"),
            "catalog: extra\nnamespace: Consumer.Extra\nevents:\n  extra.thing.done:\n    description: A thing was done.\n");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("<AdditionalFiles Include=\"orders.events.yaml\" />", "<AdditionalFiles Include=\"orders.events.yaml\" />\n    <AdditionalFiles Include=\"extra/orders.events.yaml\" />"));

        var beside = _package.Dotnet(project, "msbuild", csproj, "-restore", "-t:SnakepitCatalogDocs");
        Assert.True(beside.ExitCode == 0, beside.Output);
        Assert.True(File.Exists(Path.Combine(project, "extra", "orders.events.md")));

        var together = _package.Dotnet(project, "msbuild", csproj, "-t:SnakepitCatalogDocs", "-p:SnakepitCatalogDocsDirectory=docs");
        Assert.NotEqual(0, together.ExitCode);
        Assert.Contains("two catalogs would write the same page", together.Output);
        Assert.Contains(Path.Combine(project, "docs", "orders.events.md"), together.Output);
    }

    [Fact]
    public void A_project_without_a_catalog_is_told_so()
    {
        var project = _package.CopyConsumer("Evolution");
        var csproj = Path.Combine(project, "Consumer.Evolution.csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("<AdditionalFiles Include=\"orders.events.yaml\" />", ""));
        File.Delete(Path.Combine(project, "Orders.cs"));
        File.Delete(Path.Combine(project, "orders.events.yaml"));   // a catalog in the folder is one without a project line
        var ship = _package.Dotnet(project, "msbuild", csproj, "-restore", "-t:SnakepitShipCatalogs");
        Assert.True(ship.ExitCode == 0, ship.Output);
        Assert.Contains("has no catalog (a file named events.yaml, events.yml, *.events.yaml or *.events.yml in its folder, or such an AdditionalFiles item): nothing to ship", ship.Output);
        Assert.DoesNotContain("warning", ship.Output);
    }
}
