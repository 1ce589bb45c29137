using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// PromQL for a catalog's metrics on the exporter's series (<see cref="PrometheusNaming"/>), fitting each kind:
/// counters and sums as a per-second rate, gauges as they are, histograms as an average (<c>_sum</c> over
/// <c>_count</c>) or quantiles through <c>histogram_quantile</c>. Series are summed by the metric's tags (high
/// cardinality ones summed away), and filtered by the dashboard variables of the tags the metric carries, never by a
/// label its series lack.
/// </summary>
internal sealed class PromQlQueries
{
    private readonly CatalogSpec _catalog;
    private readonly string _window;
    private readonly IReadOnlyDictionary<string, string> _variables;

    /// <param name="window">The range of rates (<c>5m</c>, or Grafana's <c>$__rate_interval</c>).</param>
    /// <param name="variables">Tag name to the template variable that filters it; empty for plain queries.</param>
    public PromQlQueries(CatalogSpec catalog, string window, IReadOnlyDictionary<string, string> variables)
    {
        _catalog = catalog;
        _window = window;
        _variables = variables;
    }

    /// <summary>Queries for a page: five-minute rates and no variables.</summary>
    public static PromQlQueries Plain(CatalogSpec catalog) => new(catalog, "5m", new Dictionary<string, string>());

    /// <summary>The query a metric is read with first: a rate, the gauge, the average or the 95th percentile.</summary>
    public string Ready(MetricSpec metric) => metric.Kind switch
    {
        MetricKind.Counter or MetricKind.Sum => Rate(metric),
        MetricKind.LastValue => Gauge(metric),
        MetricKind.Summary => Average(metric),
        _ => Quantile(metric, 0.95),
    };

    /// <summary>Per second, summed by the metric's tags.</summary>
    public string Rate(MetricSpec metric) => Sum(metric, RateOf(PrometheusNaming.BaseName(metric), metric), extra: null);

    /// <summary>The rate of one series of the metric, summed by the given labels (for ratios across metrics).</summary>
    public string RateBy(MetricSpec metric, IReadOnlyList<string> labels) =>
        SumBy(labels, RateOf(PrometheusNaming.BaseName(metric), metric));

    /// <summary>The gauge's series, filtered.</summary>
    public string Gauge(MetricSpec metric) => PrometheusNaming.BaseName(metric) + Selector(metric);

    /// <summary>The mean recorded value over the window: the rate of <c>_sum</c> over the rate of <c>_count</c>.</summary>
    public string Average(MetricSpec metric)
    {
        var name = PrometheusNaming.BaseName(metric);
        return Sum(metric, RateOf(name + "_sum", metric), null) + " / " + Sum(metric, RateOf(name + "_count", metric), null);
    }

    /// <summary>The <paramref name="quantile"/> of the values recorded over the window, from the histogram's buckets.</summary>
    public string Quantile(MetricSpec metric, double quantile) =>
        "histogram_quantile(" + quantile.ToString("0.0##", CultureInfo.InvariantCulture) + ", " +
        Sum(metric, RateOf(PrometheusNaming.BaseName(metric) + "_bucket", metric), extra: "le") + ")";

    /// <summary>How many values fell in each bucket over the window, for a heatmap.</summary>
    public string BucketIncrease(MetricSpec metric) =>
        "sum by (le) (increase(" + PrometheusNaming.BaseName(metric) + "_bucket" + Selector(metric) + "[" + _window + "]))";

    /// <summary>The metric's tags that queries sum by: all but the high cardinality ones, in the catalog's order.</summary>
    public IReadOnlyList<string> GroupBy(MetricSpec metric)
    {
        var spec = _catalog.Events.FirstOrDefault(e => e.Name == metric.EventName);
        var fields = (spec?.Metadata ?? default).Concat(_catalog.CommonMetadata).ToList();
        return metric.Tags.Where(t => fields.FirstOrDefault(f => f.Name == t) is not { HighCardinality: true }).ToList();
    }

    /// <summary>The label matchers of the variables whose tags the metric carries: <c>{node=~"$node"}</c>, or nothing.</summary>
    public string Selector(MetricSpec metric)
    {
        var matchers = metric.Tags.Where(_variables.ContainsKey).Select(t => t + "=~\"$" + _variables[t] + "\"").ToList();
        return matchers.Count == 0 ? "" : "{" + string.Join(", ", matchers) + "}";
    }

    private string RateOf(string series, MetricSpec metric) => "rate(" + series + Selector(metric) + "[" + _window + "])";

    private string Sum(MetricSpec metric, string inner, string? extra)
    {
        var labels = GroupBy(metric).ToList();
        if (extra is not null)
        {
            labels.Insert(0, extra);
        }

        return SumBy(labels, inner);
    }

    private static string SumBy(IReadOnlyList<string> labels, string inner) =>
        labels.Count == 0 ? "sum(" + inner + ")" : "sum by (" + string.Join(", ", labels) + ") (" + inner + ")";
}
