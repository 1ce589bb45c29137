using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>
/// Cluster-wide aggregation the way users run it: a real Prometheus scrapes two sample nodes (the OpenTelemetry SDK's
/// Prometheus exporter on the catalog's Meter), and every query of the shipped Grafana dashboard answers, per node.
/// </summary>
public sealed class PrometheusClusterTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public void The_dashboard_has_the_guides_panels_and_more()
    {
        var panels = DashboardQueries.All().Select(q => q.Panel).ToList();
        Assert.Superset(
            new HashSet<string> { "Python call rate", "Average duration", "Queue depth", "Worker count", "P95 latency", "Error rate", "Worker restarts", "Memory by worker" },
            panels.ToHashSet());
        Assert.All(DashboardQueries.All(), q => Assert.Contains("snakepit_", q.Expr));
    }

    [Fact]
    public async Task Prometheus_scraping_two_nodes_answers_every_dashboard_query_for_both_nodes()
    {
        using var timeout = new CancellationTokenSource(StartTimeout + QueryTimeout + TimeSpan.FromSeconds(30));
        var token = timeout.Token;
        using var nodeA = new SampleNode("node-a");
        using var nodeB = new SampleNode("node-b");
        await Task.WhenAll(nodeA.WaitUntilScrapableAsync(StartTimeout, token), nodeB.WaitUntilScrapableAsync(StartTimeout, token));

        using var prometheus = new PrometheusServer(new[] { nodeA.Target, nodeB.Target });
        await prometheus.WaitUntilReadyAsync(StartTimeout, token);

        var queries = DashboardQueries.All();
        var expectedNodes = new[] { "node-a", "node-b" };
        var answers = new Dictionary<string, string>();
        var deadline = DateTime.UtcNow + QueryTimeout;
        while (true)
        {
            answers.Clear();
            foreach (var (panel, expr) in queries)
            {
                var series = await prometheus.QueryAsync(expr, token);
                var nodes = series.Select(s => s.TryGetValue("node", out var n) ? n : "(none)").Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();
                if (series.Count == 0 || !nodes.SequenceEqual(expectedNodes))
                {
                    answers[panel] = $"{expr}\n    -> {series.Count} series, nodes [{string.Join(", ", nodes)}]";
                }
            }

            if (answers.Count == 0)
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                var report = new StringBuilder($"After {QueryTimeout.TotalSeconds} s these dashboard queries still lack data for both nodes:\n");
                foreach (var answer in answers)
                {
                    report.Append("  ").Append(answer.Key).Append(": ").AppendLine(answer.Value);
                }

                report.AppendLine(nodeA.Output).AppendLine(nodeB.Output).AppendLine(prometheus.Output);
                Assert.Fail(report.ToString());
            }

            await Task.Delay(1000, token);
        }

        // The aggregation across the cluster that the guide built by hand: one query, both nodes summed.
        var cluster = await prometheus.QueryAsync("sum(rate(snakepit_python_call_stop_count_total[5m]))", token);
        Assert.Single(cluster);
    }

    [Fact]
    public void The_scrape_config_lists_every_target_at_a_one_second_interval()
    {
        var config = PrometheusServer.Config(new[] { "127.0.0.1:1", "127.0.0.1:2" });
        Assert.Contains("scrape_interval: 1s", config);
        Assert.Contains("targets: ['127.0.0.1:1', '127.0.0.1:2']", config);
    }
}
