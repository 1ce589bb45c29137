using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// Writes a catalog's Grafana dashboard (JSON model, schemaVersion 39) from the parsed catalog: a row per event group
/// (the event name's second segment, as on the reference page), a panel per metric with a query fitting its kind
/// (<see cref="PromQlQueries"/> on the exporter's series names), titles, descriptions and units from the catalog;
/// a <c>datasource</c> variable every panel and query uses, a <c>node</c> variable and one per low-cardinality tag
/// that several metrics share, each filtering only the queries of metrics tagged with it. Two kinds of panels span
/// metrics: a span's error rate (its exception counter over its stop and exception counters) and the parts of a
/// whole (gauges of one event named <c>part_whole</c>, with their total). Deterministic: the same catalog gives the
/// same bytes.
/// </summary>
internal static class GrafanaDashboardEmitter
{
    public const int SchemaVersion = 39;

    private const string DataSourceVariable = "datasource";
    private const string NodeTag = "node";
    private const int Width = 12;
    private const int Height = 8;
    private const int UidLength = 40;

    public static string Emit(CatalogSpec catalog)
    {
        var variables = TagVariables(catalog);
        var queries = new PromQlQueries(catalog, "$__rate_interval", variables.ToDictionary(v => v.Tag, v => v.Name));
        var json = new JsonTextWriter().StartObject();
        json.Property("title", Title(catalog))
            .Property("description", Description(catalog))
            .Property("uid", Uid(catalog.CatalogName));
        json.Name("tags").StartArray().String("snakepit-telemetry").String(catalog.CatalogName).EndArray();
        json.Property("timezone", "browser")
            .Property("schemaVersion", SchemaVersion)
            .Property("version", 1)
            .Property("editable", true)
            .Property("graphTooltip", 1)
            .Property("refresh", "30s");
        json.Name("time").StartObject().Property("from", "now-1h").Property("to", "now").EndObject();
        json.Name("annotations").StartObject().Name("list").StartArray().EndArray().EndObject();
        Templating(json, catalog, variables);
        json.Name("panels").StartArray();
        var id = 0;
        var y = 0;
        foreach (var group in Groups(catalog, queries))
        {
            json.StartObject()
                .Property("id", ++id)
                .Property("type", "row")
                .Property("title", group.Title)
                .Property("collapsed", false);
            DataSource(json);
            GridPos(json, 0, y, 24, 1);
            json.Name("panels").StartArray().EndArray();
            json.Name("targets").StartArray().EndArray();
            json.EndObject();
            y++;
            for (var i = 0; i < group.Panels.Count; i++)
            {
                Panel(json, group.Panels[i], ++id, (i % 2) * Width, y + ((i / 2) * Height));
            }

            y += ((group.Panels.Count + 1) / 2) * Height;
        }

        json.EndArray();
        json.EndObject();
        return json.ToString();
    }

    /// <summary>
    /// A stable uid: the catalog name with every character outside <c>[A-Za-z0-9_-]</c> as <c>-</c>, then
    /// <c>-catalog</c>; one longer than 40 characters is cut and ends with a hash of the whole name.
    /// </summary>
    public static string Uid(string catalogName)
    {
        var text = new StringBuilder();
        foreach (var c in catalogName)
        {
            text.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' ? c : '-');
        }

        var uid = text.Append("-catalog").ToString();
        if (uid.Length <= UidLength)
        {
            return uid;
        }

        // FNV-1a, 32 bits: the same name gives the same uid on every machine and runtime.
        var hash = 2166136261u;
        foreach (var c in catalogName)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return uid.Substring(0, UidLength - 9) + "-" + hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    private static string Title(CatalogSpec catalog) => catalog.CatalogName + " telemetry";

    private static string Description(CatalogSpec catalog)
    {
        var about = string.IsNullOrWhiteSpace(catalog.Description) ? "" : OneLine(catalog.Description!) + " ";
        return about + "Generated from the catalog '" + catalog.CatalogName + "' (Meter '" + catalog.CatalogName +
            "') by Snakepit.Telemetry (dotnet msbuild -t:SnakepitDashboards), for the series names of the OpenTelemetry Prometheus exporter; edit the catalog, not this dashboard.";
    }

    // ---- Variables ------------------------------------------------------------------------------------------------

    /// <summary>A template variable that filters the queries of the metrics tagged <see cref="Tag"/>.</summary>
    private sealed record TagVariable(string Name, string Tag, string Label, string Query);

    /// <summary>
    /// <c>node</c> always (read from the first metric tagged node), then each low-cardinality tag that two or more
    /// metrics carry, in the order the catalog first uses it; each reads its values from the first metric it tags,
    /// within the chosen nodes where that metric carries node too.
    /// </summary>
    private static List<TagVariable> TagVariables(CatalogSpec catalog)
    {
        var variables = new List<TagVariable>();
        var nodeMetric = catalog.Metrics.FirstOrDefault(m => m.Tags.Contains(NodeTag));
        variables.Add(new TagVariable(NodeTag, NodeTag, "Node",
            nodeMetric is null ? "label_values(node)" : $"label_values({PrometheusNaming.PrimarySeries(nodeMetric)}, node)"));

        var plain = PromQlQueries.Plain(catalog);
        var tags = catalog.Metrics.SelectMany(m => m.Tags).Distinct().Where(t => t != NodeTag && t != DataSourceVariable);
        foreach (var tag in tags)
        {
            var tagged = catalog.Metrics.Where(m => m.Tags.Contains(tag)).ToList();
            if (tagged.Count < 2 || tagged.Any(m => !plain.GroupBy(m).Contains(tag)))
            {
                continue;
            }

            var first = tagged[0];
            var within = first.Tags.Contains(NodeTag) ? "{node=~\"$node\"}" : "";
            variables.Add(new TagVariable(tag, tag, Humanize(tag), $"label_values({PrometheusNaming.PrimarySeries(first)}{within}, {tag})"));
        }

        return variables;
    }

    private static void Templating(JsonTextWriter json, CatalogSpec catalog, List<TagVariable> variables)
    {
        json.Name("templating").StartObject().Name("list").StartArray();
        json.StartObject()
            .Property("name", DataSourceVariable)
            .Property("label", "Data source")
            .Property("type", "datasource")
            .Property("query", "prometheus")
            .Property("refresh", 1)
            .Property("hide", 0)
            .Property("includeAll", false)
            .Property("multi", false)
            .Property("regex", "");
        json.Name("current").StartObject().EndObject();
        json.Name("options").StartArray().EndArray();
        json.EndObject();
        foreach (var variable in variables)
        {
            json.StartObject()
                .Property("name", variable.Name)
                .Property("label", variable.Label)
                .Property("type", "query");
            DataSource(json);
            json.Name("query").StartObject().Property("query", variable.Query).Property("refId", "PrometheusVariableQueryEditor-VariableQuery").EndObject();
            json.Property("definition", variable.Query)
                .Property("refresh", 2)
                .Property("sort", 1)
                .Property("hide", 0)
                .Property("includeAll", true)
                .Property("multi", true)
                // Also matches series without the label (an optional tag left out): "All" never hides a series.
                .Property("allValue", ".*")
                .Property("regex", "");
            json.Name("current").StartObject();
            json.Name("text").StartArray().String("All").EndArray();
            json.Name("value").StartArray().String("$__all").EndArray();
            json.EndObject();
            json.Name("options").StartArray().EndArray();
            json.EndObject();
        }

        json.EndArray().EndObject();
    }

    // ---- Panels ---------------------------------------------------------------------------------------------------

    private sealed record Target(string Expr, string Legend, bool Heatmap = false);

    private sealed record PanelSpec(string Type, string Title, string Description, string Unit, IReadOnlyList<Target> Targets, bool Ratio = false);

    private sealed record Group(string Title, List<PanelSpec> Panels);

    /// <summary>The rows: event groups in the catalog's order, each with its events' panels in the catalog's order.</summary>
    private static IEnumerable<Group> Groups(CatalogSpec catalog, PromQlQueries queries)
    {
        var groups = new List<Group>();
        foreach (var spec in catalog.Events)
        {
            var metrics = catalog.Metrics.Where(m => m.EventName == spec.Name).ToList();
            if (metrics.Count == 0)
            {
                continue;
            }

            var title = CatalogDocsEmitter.GroupOf(spec.Name);
            var group = groups.FirstOrDefault(g => g.Title == title);
            if (group is null)
            {
                group = new Group(title, new List<PanelSpec>());
                groups.Add(group);
            }

            group.Panels.AddRange(Parts(metrics, queries));
            foreach (var metric in metrics)
            {
                group.Panels.AddRange(MetricPanels(metric, queries));
            }

            foreach (var span in catalog.Spans.Where(s => s.ExceptionEvent == spec.Name))
            {
                var panel = ErrorRate(catalog, span, queries);
                if (panel is not null)
                {
                    group.Panels.Add(panel);
                }
            }
        }

        return groups;
    }

    private static IEnumerable<PanelSpec> MetricPanels(MetricSpec metric, PromQlQueries queries)
    {
        var about = About(metric);
        var legend = Legend(queries.GroupBy(metric), metric.Description);
        switch (metric.Kind)
        {
            case MetricKind.Counter:
                yield return new PanelSpec("timeseries", metric.Description + " per second", about, GrafanaUnits.RateOf(null), new[] { new Target(queries.Rate(metric), legend) });
                break;
            case MetricKind.Sum:
                yield return new PanelSpec("timeseries", metric.Description + " per second", about, GrafanaUnits.RateOf(metric.Unit), new[] { new Target(queries.Rate(metric), legend) });
                break;
            case MetricKind.LastValue:
                yield return new PanelSpec("timeseries", metric.Description, about, GrafanaUnits.Of(metric.Unit), new[] { new Target(queries.Gauge(metric), Legend(metric.Tags, metric.Description)) });
                break;
            case MetricKind.Summary:
                yield return new PanelSpec("timeseries", metric.Description + ": average", about, GrafanaUnits.Of(metric.Unit), new[] { new Target(queries.Average(metric), legend) });
                yield return Quantiles(metric, queries, about);
                break;
            default:
                yield return Quantiles(metric, queries, about);
                yield return new PanelSpec("heatmap", metric.Description + ": distribution", about, GrafanaUnits.Of(metric.Unit), new[] { new Target(queries.BucketIncrease(metric), "{{le}}", Heatmap: true) });
                break;
        }
    }

    private static PanelSpec Quantiles(MetricSpec metric, PromQlQueries queries, string about)
    {
        var targets = new[] { 0.5, 0.95, 0.99 }
            .Select(q => new Target(queries.Quantile(metric, q), Legend(queries.GroupBy(metric), "", "p" + (q * 100).ToString("0", CultureInfo.InvariantCulture))))
            .ToList();
        return new PanelSpec("timeseries", metric.Description + ": p50, p95, p99", about, GrafanaUnits.Of(metric.Unit), targets);
    }

    /// <summary>
    /// Gauges of one event with the same unit and tags whose measurements are named <c>part_whole</c> (two or more
    /// parts of one whole: <c>available_workers</c>, <c>busy_workers</c>): each part and their total.
    /// </summary>
    private static IEnumerable<PanelSpec> Parts(List<MetricSpec> metrics, PromQlQueries queries)
    {
        var wholes = metrics
            .Where(m => m.Kind == MetricKind.LastValue && m.Measurement is not null && m.Measurement.IndexOf('_') > 0 && !m.Measurement.EndsWith("_", StringComparison.Ordinal))
            .GroupBy(m => (Whole: m.Measurement!.Substring(m.Measurement.LastIndexOf('_') + 1), m.Unit, Tags: string.Join(",", m.Tags)))
            .Where(g => g.Count() >= 2);
        foreach (var whole in wholes)
        {
            var parts = whole.ToList();
            var names = parts.Select(m => m.Measurement!.Substring(0, m.Measurement.LastIndexOf('_'))).ToList();
            var targets = parts.Select((m, i) => new Target(queries.Gauge(m), Legend(m.Tags, "", names[i]))).ToList();
            targets.Add(new Target(string.Join(" + ", parts.Select(queries.Gauge)), Legend(parts[0].Tags, "", "total")));
            yield return new PanelSpec(
                "timeseries",
                Capitalize(whole.Key.Whole) + " (" + string.Join(" + ", names) + ")",
                string.Join(" + ", parts.Select(m => m.Description)) + ": each and their total (" + string.Join(", ", parts.Select(m => m.Name)) + ").",
                GrafanaUnits.Of(whole.Key.Unit),
                targets);
        }
    }

    /// <summary>A span's error rate: exceptions over all ended spans, by the tags both counters share; 0 while none failed.</summary>
    private static PanelSpec? ErrorRate(CatalogSpec catalog, SpanSpec span, PromQlQueries queries)
    {
        var stop = catalog.Metrics.FirstOrDefault(m => m.Kind == MetricKind.Counter && m.EventName == span.StopEvent);
        var failed = catalog.Metrics.FirstOrDefault(m => m.Kind == MetricKind.Counter && m.EventName == span.ExceptionEvent);
        if (stop is null || failed is null)
        {
            return null;
        }

        var labels = queries.GroupBy(stop).Intersect(queries.GroupBy(failed)).ToList();
        string Either(string a, string b) => "(" + a + " or 0 * " + b + ")";
        var errors = Either(queries.RateBy(failed, labels), queries.RateBy(stop, labels));
        var stops = Either(queries.RateBy(stop, labels), queries.RateBy(failed, labels));
        return new PanelSpec(
            "timeseries",
            "Error rate: " + span.Name,
            $"Share of '{span.Name}' spans that ended in an exception: {failed.Description} / ({stop.Description} + {failed.Description}) ({failed.Name}, {stop.Name}).",
            "percentunit",
            new[] { new Target(errors + " / (" + stops + " + " + errors + ")", Legend(labels, "error rate")) },
            Ratio: true);
    }

    private static void Panel(JsonTextWriter json, PanelSpec panel, int id, int x, int y)
    {
        json.StartObject()
            .Property("id", id)
            .Property("type", panel.Type)
            .Property("title", panel.Title)
            .Property("description", panel.Description);
        DataSource(json);
        GridPos(json, x, y, Width, Height);
        json.Name("fieldConfig").StartObject().Name("defaults").StartObject().Property("unit", panel.Unit);
        if (panel.Ratio)
        {
            json.Property("min", 0).Property("max", 1);
        }

        json.EndObject().Name("overrides").StartArray().EndArray().EndObject();
        json.Name("options").StartObject();
        if (panel.Type == "heatmap")
        {
            json.Property("calculate", false);
            json.Name("yAxis").StartObject().Property("unit", panel.Unit).EndObject();
            json.Name("cellValues").StartObject().Property("unit", "short").EndObject();
        }
        else
        {
            json.Name("legend").StartObject().Property("displayMode", "list").Property("placement", "bottom").Property("showLegend", true).EndObject();
            json.Name("tooltip").StartObject().Property("mode", "multi").Property("sort", "desc").EndObject();
        }

        json.EndObject();
        json.Name("targets").StartArray();
        for (var i = 0; i < panel.Targets.Count; i++)
        {
            var target = panel.Targets[i];
            json.StartObject().Property("refId", ((char)('A' + i)).ToString());
            DataSource(json);
            json.Property("expr", target.Expr).Property("legendFormat", target.Legend).Property("range", true);
            if (target.Heatmap)
            {
                json.Property("format", "heatmap");
            }

            json.EndObject();
        }

        json.EndArray();
        json.EndObject();
    }

    private static void DataSource(JsonTextWriter json) =>
        json.Name("datasource").StartObject().Property("type", "prometheus").Property("uid", "${" + DataSourceVariable + "}").EndObject();

    private static void GridPos(JsonTextWriter json, int x, int y, int w, int h) =>
        json.Name("gridPos").StartObject().Property("h", h).Property("w", w).Property("x", x).Property("y", y).EndObject();

    /// <summary>What a panel shows, from the catalog: the metric, its kind and unit, and its series.</summary>
    private static string About(MetricSpec metric)
    {
        var unit = metric.Unit is null ? "" : ", " + metric.Unit;
        return $"{metric.Description} ({metric.Name}: {CatalogDocsEmitter.KindName(metric.Kind)}{unit} of {metric.EventName}" +
            (metric.Measurement is null ? "" : "." + metric.Measurement) + "). Series: " + string.Join(", ", PrometheusNaming.Series(metric)) + ".";
    }

    /// <summary><c>{{node}} {{pool_name}}</c>, after a prefix; the fallback when there are no labels and no prefix.</summary>
    private static string Legend(IEnumerable<string> labels, string fallback, string prefix = "")
    {
        var parts = new List<string>();
        if (prefix.Length > 0)
        {
            parts.Add(prefix);
        }

        parts.AddRange(labels.Select(l => "{{" + l + "}}"));
        return parts.Count == 0 ? fallback : string.Join(" ", parts);
    }

    private static string Humanize(string tag) => Capitalize(tag.Replace('_', ' '));

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static string OneLine(string text) =>
        string.Join(" ", text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
