using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace Snakepit.Telemetry.PackageTests;

/// <summary>
/// SnakepitDashboards as a user of the package meets it: a Grafana dashboard per catalog with metrics, written into
/// SnakepitDashboardOutputPath or the project's dashboards/ folder, Snakepit's own on request, nothing for a catalog
/// with errors (which fails at its place).
/// </summary>
[Collection(PackageCollection.Name)]
public class DashboardPackageTests
{
    private readonly PackageFixture _package;

    public DashboardPackageTests(PackageFixture package) => _package = package;

    [Fact]
    public void Package_carries_Snakepits_own_dashboard()
    {
        var (entries, _) = PackageTests.Contents(_package.PackagePath);
        Assert.Contains("grafana/snakepit-dashboard.json", entries);
    }

    [Fact]
    public void SnakepitDashboards_writes_a_dashboard_for_each_catalog_with_metrics_where_asked()
    {
        var project = _package.CopyConsumer("Evolution");
        var csproj = Path.Combine(project, "Consumer.Evolution.csproj");
        // A second catalog without metrics gets no dashboard.
        File.WriteAllText(Path.Combine(project, "audit.events.yaml"), "catalog: audit\nnamespace: Consumer.Audit\nevents:\n  audit.entry.written:\n    description: An entry was written.\n");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("<AdditionalFiles Include=\"orders.events.yaml\" />", "<AdditionalFiles Include=\"orders.events.yaml\" /><AdditionalFiles Include=\"audit.events.yaml\" />"));

        var run = _package.Dotnet(project, "msbuild", "-restore", "-t:SnakepitDashboards", "-p:SnakepitDashboardOutputPath=out/grafana/", csproj);
        Assert.True(run.ExitCode == 0, run.Output);
        var folder = Path.Combine(project, "out", "grafana");
        Assert.Equal(new[] { "orders.dashboard.json" }, Directory.GetFiles(folder).Select(Path.GetFileName).ToArray());
        Assert.Contains("audit.events.yaml declares no metrics", run.Output);

        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "orders.dashboard.json")));
        var root = dashboard.RootElement;
        Assert.True(root.GetProperty("schemaVersion").GetInt32() >= 36);
        Assert.Equal("orders-catalog", root.GetProperty("uid").GetString());
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
        Assert.Contains(variables, v => v.GetProperty("name").GetString() == "datasource" && v.GetProperty("query").GetString() == "prometheus");
        Assert.Contains(variables, v => v.GetProperty("name").GetString() == "node");
        var exprs = root.GetProperty("panels").EnumerateArray().SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()).ToList();
        // A sum in EUR: the exporter's name carries the unit and _total.
        Assert.Contains("sum by (channel) (rate(orders_order_placed_total_EUR_total[$__rate_interval]))", exprs);
    }

    [Fact]
    public void Without_the_property_SnakepitDashboards_writes_to_the_projects_dashboards_folder_and_Snakepits_on_request()
    {
        var project = _package.CopyConsumer("Evolution");
        var csproj = Path.Combine(project, "Consumer.Evolution.csproj");
        var run = _package.Dotnet(project, "msbuild", "-restore", "-t:SnakepitDashboards", "-p:SnakepitDashboardsIncludeSnakepit=true", csproj);
        Assert.True(run.ExitCode == 0, run.Output);
        var folder = Path.Combine(project, "dashboards");
        Assert.Equal(new[] { "orders.dashboard.json", "snakepit.dashboard.json" }, Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(f => f, System.StringComparer.Ordinal).ToArray());
        Assert.Equal(
            File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, "samples", "grafana", "snakepit-dashboard.json")),
            File.ReadAllText(Path.Combine(folder, "snakepit.dashboard.json")));

        // Run again: the dashboard keeps its bytes.
        var again = _package.Dotnet(project, "msbuild", "-t:SnakepitDashboards", csproj);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("orders.dashboard.json is current", again.Output);
    }

    [Fact]
    public void SnakepitDashboards_on_a_broken_catalog_fails_at_the_error_and_writes_nothing()
    {
        var project = _package.CopyConsumer("Evolution");
        var catalog = Path.Combine(project, "orders.events.yaml");
        File.WriteAllText(catalog, File.ReadAllText(catalog).Replace("kind: sum,", "kind: summ,"));
        var run = _package.Dotnet(project, "msbuild", "-restore", "-t:SnakepitDashboards", "-p:SnakepitDashboardOutputPath=out/", Path.Combine(project, "Consumer.Evolution.csproj"));
        Assert.NotEqual(0, run.ExitCode);
        Assert.True(run.Output.Contains("orders.events.yaml(16,") && run.Output.Contains("error SNK108: Unknown metric kind 'summ'"), run.Output);
        Assert.DoesNotContain("MSB3073", run.Output);
        Assert.False(Directory.Exists(Path.Combine(project, "out")), run.Output);
    }
}
