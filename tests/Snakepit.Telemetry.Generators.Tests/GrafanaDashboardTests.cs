using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Snakepit.Telemetry.Generators.Emitting;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Generators.Parsing;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>
/// The generated Grafana dashboards: Snakepit's in samples/grafana is the dashboard of today's events.yaml (run with
/// SNAKEPIT_UPDATE_DOCS=1 to rewrite it after a catalog change); every dashboard is a current Grafana model whose
/// panels all use the datasource variable, with a kind-fitting query per metric and the node filter only where the
/// metric carries node. The queries themselves run on a real Prometheus in the integration tests.
/// </summary>
public class GrafanaDashboardTests
{
    [Fact]
    public void Snakepits_dashboard_in_samples_is_the_dashboard_of_its_catalog()
    {
        var dashboard = GrafanaDashboardEmitter.Emit(Snakepit());
        var committed = Path.Combine(RepositoryRoot(), "samples", "grafana", "snakepit-dashboard.json");
        if (Environment.GetEnvironmentVariable("SNAKEPIT_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(committed, dashboard);
            return;
        }

        Assert.True(File.Exists(committed), "samples/grafana/snakepit-dashboard.json is missing: run the tests with SNAKEPIT_UPDATE_DOCS=1");
        Assert.True(
            File.ReadAllText(committed).Replace("\r\n", "\n") == dashboard,
            "samples/grafana/snakepit-dashboard.json is stale (events.yaml or the dashboard emitter changed): run the tests with SNAKEPIT_UPDATE_DOCS=1 and commit it");
    }

    public static TheoryData<string> CatalogNames => new() { "snakepit", "shop", "warehouse" };

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void A_dashboard_is_a_current_Grafana_model_on_one_datasource_variable(string name)
    {
        var catalog = Catalog(name);
        using var json = JsonDocument.Parse(GrafanaDashboardEmitter.Emit(catalog));
        var root = json.RootElement;
        Assert.True(root.GetProperty("schemaVersion").GetInt32() >= 36);
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        Assert.Matches("^[A-Za-z0-9_-]{1,40}$", root.GetProperty("uid").GetString());

        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
        var datasource = Assert.Single(variables, v => v.GetProperty("name").GetString() == "datasource");
        Assert.Equal("datasource", datasource.GetProperty("type").GetString());
        Assert.Equal("prometheus", datasource.GetProperty("query").GetString());
        var node = Assert.Single(variables, v => v.GetProperty("name").GetString() == "node");
        Assert.Matches(@"^label_values\((.+, )?node\)$", node.GetProperty("definition").GetString());
        foreach (var variable in variables.Where(v => v.GetProperty("type").GetString() == "query"))
        {
            Assert.Equal("${datasource}", variable.GetProperty("datasource").GetProperty("uid").GetString());
        }

        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        var cells = new HashSet<(int, int)>();
        foreach (var panel in panels)
        {
            Assert.False(string.IsNullOrEmpty(panel.GetProperty("type").GetString()));
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            var grid = panel.GetProperty("gridPos");
            var (x, y, w, h) = (grid.GetProperty("x").GetInt32(), grid.GetProperty("y").GetInt32(), grid.GetProperty("w").GetInt32(), grid.GetProperty("h").GetInt32());
            Assert.True(x >= 0 && w > 0 && x + w <= 24 && h > 0);
            for (var i = x; i < x + w; i++)
            {
                for (var j = y; j < y + h; j++)
                {
                    Assert.True(cells.Add((i, j)), $"Panel '{panel.GetProperty("title").GetString()}' overlaps another at ({i}, {j}).");
                }
            }

            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                Assert.Equal("${datasource}", target.GetProperty("datasource").GetProperty("uid").GetString());
            }

            if (panel.GetProperty("type").GetString() != "row")
            {
                Assert.NotEmpty(panel.GetProperty("targets").EnumerateArray());
            }
        }

        // Rows by event group, in the catalog's order.
        var rows = panels.Where(p => p.GetProperty("type").GetString() == "row").Select(p => p.GetProperty("title").GetString()!).ToList();
        var groups = catalog.Events.Where(e => catalog.Metrics.Any(m => m.EventName == e.Name)).Select(e => e.Name.Split('.')[1]).Distinct().ToList();
        Assert.Equal(groups, rows);
    }

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void Every_metric_has_a_panel_with_a_query_that_fits_its_kind(string name)
    {
        var catalog = Catalog(name);
        var exprs = Exprs(catalog);
        foreach (var metric in catalog.Metrics)
        {
            var series = PrometheusNaming.BaseName(metric);
            var filter = metric.Tags.Contains("node") ? @"\{node=~""\$node""[^}]*\}" : @"(\{(?![^}]*node=~)[^}]*\})?";
            var pattern = metric.Kind switch
            {
                MetricKind.Counter or MetricKind.Sum => @"rate\(" + series + filter + @"\[\$__rate_interval\]\)",
                MetricKind.LastValue => "^" + series + filter + "$",
                MetricKind.Summary => series + "_sum" + filter + @"\[\$__rate_interval\]\)\) / sum( by \([^)]*\))? \(rate\(" + series + "_count" + filter,
                _ => @"^histogram_quantile\(0\.95, sum by \(le[^)]*\) \(rate\(" + series + "_bucket" + filter + @"\[\$__rate_interval\]\)\)\)$",
            };
            Assert.True(exprs.Any(e => Regex.IsMatch(e, pattern)), $"No query of {metric.Name} ({metric.Kind}) matches {pattern}:\n{string.Join("\n", exprs)}");
        }
    }

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void The_node_filter_is_only_on_metrics_tagged_node(string name)
    {
        var catalog = Catalog(name);
        foreach (var expr in Exprs(catalog))
        {
            foreach (Match selector in Regex.Matches(expr, @"([A-Za-z0-9_:]+)\{([^}]*)\}"))
            {
                var metric = catalog.Metrics.Single(m => PrometheusNaming.Series(m).Contains(selector.Groups[1].Value) || PrometheusNaming.BaseName(m) == selector.Groups[1].Value);
                foreach (Match matcher in Regex.Matches(selector.Groups[2].Value, @"([a-z0-9_]+)=~""\$([a-z0-9_]+)"""))
                {
                    Assert.Contains(matcher.Groups[1].Value, metric.Tags);
                    Assert.Equal(matcher.Groups[1].Value, matcher.Groups[2].Value);
                }
            }
        }
    }

    [Fact]
    public void Snakepits_dashboard_has_the_guides_panels()
    {
        var exprs = Exprs(Snakepit());
        Assert.Contains(exprs, e => e.StartsWith("snakepit_pool_status_available_workers{", StringComparison.Ordinal) && e.Contains(" + snakepit_pool_status_busy_workers{"));
        Assert.Contains(exprs, e => e.Contains("rate(snakepit_python_call_exception_count_total{") && e.Contains("rate(snakepit_python_call_stop_count_total{"));
        Assert.Contains(exprs, e => e.StartsWith("histogram_quantile(0.95, ", StringComparison.Ordinal) && e.Contains("snakepit_python_call_stop_duration_milliseconds_bucket{"));
    }

    [Fact]
    public void Units_titles_and_descriptions_come_from_the_catalog()
    {
        using var json = JsonDocument.Parse(GrafanaDashboardEmitter.Emit(Catalog("warehouse")));
        var panels = json.RootElement.GetProperty("panels").EnumerateArray().ToDictionary(p => p.GetProperty("title").GetString()!, p => p);
        string Unit(string title) => panels[title].GetProperty("fieldConfig").GetProperty("defaults").GetProperty("unit").GetString()!;
        Assert.Equal("ms", Unit("Pick time: average"));
        Assert.Equal("µs", Unit("Handling time: p50, p95, p99"));
        Assert.Equal("bytes", Unit("Label buffer"));
        Assert.Equal("percent", Unit("Dock utilization"));
        Assert.Equal("Bps", Unit("Manifest bytes sent per second"));
        Assert.Equal("cps", Unit("Picks completed per second"));
        Assert.Equal("percentunit", Unit("Error rate: warehouse.pick"));
        Assert.StartsWith("Pick time (warehouse.pick.stop.duration: summary, ms of warehouse.pick.stop.duration). Series: warehouse_pick_stop_duration_milliseconds_bucket", panels["Pick time: average"].GetProperty("description").GetString());
        Assert.Contains("Bays (free + used)", panels.Keys);
        var variables = json.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        // Tags on two or more metrics get a variable; one on a single metric (reason, express) does not.
        Assert.Equal(new[] { "datasource", "node", "site", "zone", "dock", "carrier", "customs" }, variables);
    }

    [Theory]
    [InlineData("a.b.c", "counter", null, "a_b_c_total")]
    [InlineData("a.b.duration", "summary", "ms", "a_b_duration_milliseconds")]
    [InlineData("a.b.rss_bytes", "last_value", "By", "a_b_rss_bytes")]
    [InlineData("a.b.size", "sum", "By", "a_b_size_bytes_total")]
    [InlineData("a.b.items", "sum", "{item}", "a_b_items_total")]
    [InlineData("a.b.load", "last_value", "%", "a_b_load_percent")]
    [InlineData("a.b.fill", "last_value", "1", "a_b_fill")]
    [InlineData("a.b.weight", "distribution", "KiBy", "a_b_weight_kibibytes")]
    [InlineData("a.b.distance", "summary", "km", "a_b_distance_km")]
    [InlineData("a.b.speed", "last_value", "{req}/s", "a_b_speed__per_second")]
    [InlineData("a.b.wait", "sum", "s", "a_b_wait_seconds_total")]
    [InlineData("a.b.total", "sum", null, "a_b_total")]
    public void Series_names_are_the_exporters(string name, string kind, string? unit, string expected)
    {
        var metricKind = kind switch
        {
            "counter" => MetricKind.Counter,
            "sum" => MetricKind.Sum,
            "last_value" => MetricKind.LastValue,
            "summary" => MetricKind.Summary,
            _ => MetricKind.Distribution,
        };
        var metric = new MetricSpec(name, metricKind, "a.b", null, unit, "d", EquatableArray<string>.Empty, EquatableArray<double>.Empty);
        Assert.Equal(expected, PrometheusNaming.BaseName(metric));
    }

    [Fact]
    public void The_uid_is_stable_and_short()
    {
        Assert.Equal("snakepit-catalog", GrafanaDashboardEmitter.Uid("snakepit"));
        var longName = new string('x', 60);
        var uid = GrafanaDashboardEmitter.Uid(longName);
        Assert.Matches("^[A-Za-z0-9_-]{40}$", uid);
        Assert.Equal(uid, GrafanaDashboardEmitter.Uid(longName));
        Assert.NotEqual(uid, GrafanaDashboardEmitter.Uid(longName + "y"));
        Assert.Equal(GrafanaDashboardEmitter.Emit(Catalog("warehouse")), GrafanaDashboardEmitter.Emit(Catalog("warehouse")));
    }

    [Fact]
    public void The_reference_page_lists_series_and_a_ready_query()
    {
        var page = CatalogDocsEmitter.Emit(Snakepit());
        Assert.Contains("| `snakepit.python.call.stop.duration` | `snakepit_python_call_stop_duration_milliseconds_bucket`, `snakepit_python_call_stop_duration_milliseconds_sum`, `snakepit_python_call_stop_duration_milliseconds_count` | `sum by (node, pool_name, command) (rate(snakepit_python_call_stop_duration_milliseconds_sum[5m])) / sum by (node, pool_name, command) (rate(snakepit_python_call_stop_duration_milliseconds_count[5m]))` |", page, StringComparison.Ordinal);
        Assert.Contains("| `snakepit.python.call.stop.count` | `snakepit_python_call_stop_count_total` | `sum by (node, pool_name) (rate(snakepit_python_call_stop_count_total[5m]))` |", page, StringComparison.Ordinal);
    }

    private static List<string> Exprs(CatalogSpec catalog)
    {
        using var json = JsonDocument.Parse(GrafanaDashboardEmitter.Emit(catalog));
        return json.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
    }

    private static CatalogSpec Snakepit() => Catalog("snakepit");

    private static CatalogSpec Catalog(string name)
    {
        var (path, text) = name switch
        {
            "snakepit" => ("events.yaml", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalogs", "snakepit.events.yaml"))),
            "shop" => ("/app/shop.events.yaml", Catalogs.Shop),
            _ => ("warehouse.events.yaml", File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Snakepit.Telemetry.DashboardNode", "warehouse.events.yaml"))),
        };
        var result = CatalogParser.Parse(path, text);
        Assert.NotNull(result.Spec);
        return result.Spec!;
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}
