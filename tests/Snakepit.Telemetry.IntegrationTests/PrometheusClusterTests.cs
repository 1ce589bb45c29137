using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>
/// Cluster-wide aggregation the way users run it: a real Prometheus scrapes two nodes (the OpenTelemetry SDK's
/// Prometheus exporter on a catalog's Meter), and every query of the catalog's generated Grafana dashboard answers,
/// per node: Snakepit's own (samples/grafana, the sample's nodes) and one generated here from the richer warehouse
/// catalog (tests/Snakepit.Telemetry.DashboardNode, every metric kind, units and optional tags).
/// </summary>
public sealed class PrometheusClusterTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(120);
    private static readonly string[] Nodes = { "node-a", "node-b" };

    [Fact]
    public void The_dashboard_has_the_guides_panels_and_more()
    {
        var queries = DashboardQueries.All();
        var guide = new Dictionary<string, Func<string, bool>>
        {
            ["call rate"] = e => e.StartsWith("sum by (node, pool_name) (rate(snakepit_python_call_stop_count_total{", StringComparison.Ordinal),
            ["average duration"] = e => e.Contains("(rate(snakepit_python_call_stop_duration_milliseconds_sum{") && e.Contains(" / sum by (node, pool_name, command) (rate(snakepit_python_call_stop_duration_milliseconds_count{"),
            ["queue depth"] = e => e.StartsWith("snakepit_pool_status_queue_depth{", StringComparison.Ordinal),
            ["worker count"] = e => e.StartsWith("snakepit_pool_status_available_workers{", StringComparison.Ordinal) && e.Contains(" + snakepit_pool_status_busy_workers{"),
            ["p95"] = e => e.StartsWith("histogram_quantile(0.95, sum by (le, node, pool_name, command) (rate(snakepit_python_call_stop_duration_milliseconds_bucket{", StringComparison.Ordinal),
            ["error rate"] = e => e.Contains("rate(snakepit_python_call_exception_count_total{") && e.Contains(" / ((sum by (node, pool_name) (rate(snakepit_python_call_stop_count_total{"),
            ["restarts"] = e => e.StartsWith("sum by (node, pool_name) (rate(snakepit_pool_worker_restarted_count_total{", StringComparison.Ordinal),
            ["memory"] = e => e.StartsWith("snakepit_python_memory_sampled_rss_bytes{", StringComparison.Ordinal),
        };
        Assert.All(guide, panel => Assert.True(queries.Any(q => panel.Value(q.Expr)), $"No panel shows the guide's {panel.Key}:\n" + string.Join("\n", queries.Select(q => q.Expr))));
        Assert.All(queries, q => Assert.Contains("snakepit_", q.Expr));
    }

    [Fact]
    public async Task Prometheus_scraping_two_nodes_answers_every_dashboard_query_for_both_nodes()
    {
        using var timeout = new CancellationTokenSource(StartTimeout + (2 * QueryTimeout) + TimeSpan.FromSeconds(30));
        var token = timeout.Token;
        using var nodeA = new SampleNode("node-a");
        using var nodeB = new SampleNode("node-b");
        using var prometheus = await StartAsync(nodeA, nodeB, token);

        await AnswersEveryQueryAsync(prometheus, DashboardQueries.DashboardPath, nodeA, nodeB, token);

        // The aggregation across the cluster that the guide built by hand: one query, both nodes summed.
        var cluster = await prometheus.QueryAsync("sum(rate(snakepit_python_call_stop_count_total[5m]))", token);
        Assert.Single(cluster);
    }

    [Fact]
    public async Task A_dashboard_generated_from_a_richer_catalog_answers_every_query_for_both_nodes()
    {
        var catalog = Path.Combine(RepositoryRoot.Path, "tests", "Snakepit.Telemetry.DashboardNode", "warehouse.events.yaml");
        var dashboard = CatalogTool.Dashboard(catalog, "warehouse");
        try
        {
            // Every metric of the catalog is on the dashboard (its series in some query).
            var queries = DashboardQueries.Of(dashboard);
            foreach (var series in new[]
            {
                "warehouse_pick_stop_count_total", "warehouse_pick_exception_count_total", "warehouse_pick_stop_duration_milliseconds_bucket",
                "warehouse_pick_stop_items_total", "warehouse_pick_stop_weight_kibibytes_bucket", "warehouse_dock_status_free_bays",
                "warehouse_dock_status_used_bays", "warehouse_dock_status_utilization_percent", "warehouse_dock_status_fill_ratio",
                "warehouse_dock_status_buffer_bytes", "warehouse_shipment_sent_payload_size_bytes_total", "warehouse_shipment_sent_handling_microseconds_bucket",
                "warehouse_shipment_sent_distance_km_sum", "warehouse_shipment_sent_loading_seconds_total", "warehouse_clock_tick_drift_milliseconds",
            })
            {
                Assert.True(queries.Any(q => Regex.IsMatch(q.Expr, series + "(?![A-Za-z0-9_])")), $"No query reads {series}.");
            }

            using var timeout = new CancellationTokenSource(StartTimeout + (2 * QueryTimeout) + TimeSpan.FromSeconds(30));
            var token = timeout.Token;
            using var nodeA = SampleNode.Warehouse("node-a");
            using var nodeB = SampleNode.Warehouse("node-b");
            using var prometheus = await StartAsync(nodeA, nodeB, token);
            await AnswersEveryQueryAsync(prometheus, dashboard, nodeA, nodeB, token);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dashboard)!, recursive: true);
        }
    }

    [Fact]
    public void The_scrape_config_lists_every_target_at_a_one_second_interval()
    {
        var config = PrometheusServer.Config(new[] { "127.0.0.1:1", "127.0.0.1:2" });
        Assert.Contains("scrape_interval: 1s", config);
        Assert.Contains("targets: ['127.0.0.1:1', '127.0.0.1:2']", config);
    }

    private static async Task<PrometheusServer> StartAsync(SampleNode nodeA, SampleNode nodeB, CancellationToken token)
    {
        await Task.WhenAll(nodeA.WaitUntilScrapableAsync(StartTimeout, token), nodeB.WaitUntilScrapableAsync(StartTimeout, token));
        var prometheus = new PrometheusServer(new[] { nodeA.Target, nodeB.Target });
        try
        {
            await prometheus.WaitUntilReadyAsync(StartTimeout, token);
            return prometheus;
        }
        catch
        {
            prometheus.Dispose();
            throw;
        }
    }

    /// <summary>Whether the query's series keep the node label: every sum in it is by node (a heatmap sums by le alone).</summary>
    private static bool KeepsNode(string expr) =>
        Regex.Matches(expr, @"\bsum(?: by \(([^)]*)\))? \(").All(m => m.Groups[1].Value.Split(", ").Contains("node"));

    /// <summary>
    /// With every variable at "All", each query answers, and one that filters by node answers for both nodes; with
    /// node set to node-a, each query that filters by node answers for node-a alone.
    /// </summary>
    private static async Task AnswersEveryQueryAsync(PrometheusServer prometheus, string dashboard, SampleNode nodeA, SampleNode nodeB, CancellationToken token)
    {
        var all = DashboardQueries.Of(dashboard);
        var nodeAOnly = DashboardQueries.Of(dashboard, new Dictionary<string, string> { ["node"] = "node-a" });
        Assert.Equal(all.Count, nodeAOnly.Count);
        var checks = all.Select(q => (q.Panel, q.Expr, Expected: q.Expr.Contains("node=~", StringComparison.Ordinal) && KeepsNode(q.Expr) ? Nodes : null))
            .Concat(nodeAOnly.Where(q => q.Expr.Contains("node=~\"node-a\"", StringComparison.Ordinal) && KeepsNode(q.Expr)).Select(q => (q.Panel + " (node-a)", q.Expr, Expected: (string[]?)new[] { "node-a" })))
            .ToList();
        Assert.Contains(checks, c => c.Expected is { Length: 1 });

        var failures = new Dictionary<string, string>();
        var deadline = DateTime.UtcNow + QueryTimeout;
        while (true)
        {
            failures.Clear();
            foreach (var (panel, expr, expected) in checks)
            {
                var series = await prometheus.QueryAsync(expr, token);
                var nodes = series.Select(s => s.TryGetValue("node", out var n) ? n : "(none)").Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();
                if (series.Count == 0 || (expected is not null && !nodes.SequenceEqual(expected)))
                {
                    failures[panel + ": " + expr] = $"{series.Count} series, nodes [{string.Join(", ", nodes)}]" + (expected is null ? "" : $", expected [{string.Join(", ", expected)}]");
                }
            }

            if (failures.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                var report = new StringBuilder($"After {QueryTimeout.TotalSeconds} s these queries of {dashboard} still lack data:\n");
                foreach (var failure in failures)
                {
                    report.Append("  ").Append(failure.Key).Append("\n    -> ").AppendLine(failure.Value);
                }

                report.AppendLine(nodeA.Output).AppendLine(nodeB.Output).AppendLine(prometheus.Output);
                Assert.Fail(report.ToString());
            }

            await Task.Delay(1000, token);
        }
    }
}
