using System.IO;
using System.IO.Compression;
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
        using var archive = ZipFile.OpenRead(_package.PackagePath);
        var entries = archive.Entries.Select(e => e.FullName).ToList();
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

        // On every build with the property: the page beside the catalog.
        var build = _package.Dotnet(project, "build", csproj, "-p:SnakepitCatalogDocs=true");
        Assert.True(build.ExitCode == 0, build.Output);
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
        Assert.False(File.Exists(Path.Combine(project, "orders.events.md")), run.Output);
    }
}
