using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Snakepit.Telemetry.Generators.Emitting;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.CatalogTool;

/// <summary>
/// Writes a Grafana dashboard for each catalog that declares metrics, <c>&lt;catalog&gt;.dashboard.json</c> in one
/// folder, read by the generator's own parser and written by its dashboard emitter. Every catalog is read first:
/// when one has errors (printed at their places) or two share a catalog name, nothing is written.
/// </summary>
internal static class CatalogDashboardsCommand
{
    /// <summary>The file a catalog's dashboard is written to: <c>myapp</c> -> <c>myapp.dashboard.json</c>.</summary>
    public static string FileName(string catalogName) => catalogName + ".dashboard.json";

    public static int Run(string directory, IReadOnlyList<string> catalogPaths, TextWriter output)
    {
        var specs = new List<(string Path, CatalogSpec Spec)>();
        var failed = new List<string>();
        foreach (var path in catalogPaths)
        {
            var spec = CatalogFileReader.Read(path, output);
            if (spec is null)
            {
                failed.Add(path);
            }
            else
            {
                specs.Add((path, spec));
            }
        }

        if (failed.Count > 0)
        {
            output.WriteLine($"Snakepit.Telemetry: no dashboard was written: {string.Join(", ", failed)} {(failed.Count == 1 ? "has" : "have")} errors.");
            return 1;
        }

        var errors = 0;
        foreach (var same in specs.GroupBy(s => s.Spec.CatalogName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            foreach (var (path, _) in same.Skip(1))
            {
                output.WriteLine($"{path}: error SNK100: The catalog '{same.Key}' would write the same dashboard as {same.First().Path} ({FileName(same.Key)}); give the catalogs different names.");
                errors++;
            }
        }

        if (errors > 0)
        {
            return 1;
        }

        foreach (var (path, spec) in specs)
        {
            if (spec.Metrics.Count == 0)
            {
                output.WriteLine($"Snakepit.Telemetry: {path} declares no metrics: no dashboard for '{spec.CatalogName}'.");
                continue;
            }

            var target = Path.Combine(directory, FileName(spec.CatalogName));
            if (CatalogOutputFile.Write(target, GrafanaDashboardEmitter.Emit(spec)))
            {
                output.WriteLine($"Snakepit.Telemetry: wrote {target} from {path}");
            }
            else
            {
                output.WriteLine($"Snakepit.Telemetry: {target} is current ({path})");
            }
        }

        return 0;
    }
}
