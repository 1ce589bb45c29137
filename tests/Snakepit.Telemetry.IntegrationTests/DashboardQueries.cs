using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Snakepit.Telemetry.TestCases;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>
/// Every query of a Grafana dashboard as Prometheus receives it from Grafana: each template variable set to "All"
/// (its <c>allValue</c>) or to a chosen value, and <c>$__rate_interval</c> to a minute.
/// </summary>
internal static class DashboardQueries
{
    /// <summary>Snakepit's dashboard: the generated dashboard of events.yaml (kept fresh by the generator's tests).</summary>
    public static string DashboardPath => Path.Combine(RepositoryRoot.Path, "samples", "grafana", "snakepit-dashboard.json");

    public static IReadOnlyList<(string Panel, string Expr)> All() => Of(DashboardPath);

    /// <param name="chosen">Variables set to one value instead of "All" (<c>node</c> -> <c>node-a</c>).</param>
    public static IReadOnlyList<(string Panel, string Expr)> Of(string dashboardPath, IReadOnlyDictionary<string, string>? chosen = null)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(dashboardPath));
        var values = json.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "query")
            .ToDictionary(
                v => v.GetProperty("name").GetString()!,
                v => chosen is not null && chosen.TryGetValue(v.GetProperty("name").GetString()!, out var value) ? value : v.GetProperty("allValue").GetString()!);
        return json.RootElement.GetProperty("panels").EnumerateArray()
            .Where(panel => panel.GetProperty("type").GetString() != "row")
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray()
                .Select(target => (panel.GetProperty("title").GetString()!, Substitute(target.GetProperty("expr").GetString()!, values))))
            .ToList();
    }

    /// <summary>The variables' values in place of <c>$name</c>, longest names first (so <c>$node</c> never cuts <c>$node_pool</c>).</summary>
    private static string Substitute(string expr, Dictionary<string, string> values)
    {
        foreach (var (name, value) in values.OrderByDescending(v => v.Key.Length))
        {
            expr = expr.Replace("$" + name, value);
        }

        return expr.Replace("$__rate_interval", "1m");
    }
}
