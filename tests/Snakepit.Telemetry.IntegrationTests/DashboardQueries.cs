using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Snakepit.Telemetry.TestCases;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>Every query of samples/grafana/snakepit-dashboard.json, with the node variable set to "All" (<c>.+</c>).</summary>
internal static class DashboardQueries
{
    public static string DashboardPath => Path.Combine(RepositoryRoot.Path, "samples", "grafana", "snakepit-dashboard.json");

    public static IReadOnlyList<(string Panel, string Expr)> All()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        return json.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray()
                .Select(target => (panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!.Replace("$node", ".+"))))
            .ToList();
    }
}
