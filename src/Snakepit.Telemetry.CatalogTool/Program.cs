using System;
using System.IO;

namespace Snakepit.Telemetry.CatalogTool;

/// <summary>
/// The catalog tool the package's MSBuild targets run:
/// <c>docs &lt;catalog.yaml&gt; &lt;page.md&gt;</c> writes the catalog's reference page (SnakepitCatalogDocs);
/// <c>ship &lt;catalog.yaml&gt; &lt;baseline.yaml&gt; ...</c> copies catalogs onto their baselines when none has
/// errors (SnakepitShipCatalogs);
/// <c>dashboards &lt;folder&gt; &lt;catalog.yaml&gt; ...</c> writes a Grafana dashboard for each catalog with metrics
/// (SnakepitDashboards);
/// <c>python &lt;directory&gt; [&lt;catalog.yaml&gt; ...]</c> writes the catalogs' typed Python modules, Snakepit's own
/// and their runtime (SnakepitPythonModules). Errors are printed in MSBuild's format, so they show at their place in
/// the catalog.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["docs", var catalog, var page] => CatalogDocsCommand.Run(catalog, page, Console.Out),
                ["python", var directory, .. var catalogs] => CatalogPythonCommand.Run(directory, catalogs, Console.Out),
                ["ship", .. var pairs] when pairs.Length > 0 && pairs.Length % 2 == 0 => CatalogShipCommand.Run(pairs, Console.Out),
                ["dashboards", var folder, .. var catalogs] when catalogs.Length > 0 => CatalogDashboardsCommand.Run(folder, catalogs, Console.Out),
                _ => Usage(),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // MSBuild's canonical form without a code: the build shows it as an error at the file.
            Console.Out.WriteLine($"{(args.Length > 1 ? args[1] : "Snakepit.Telemetry.CatalogTool")} : error : {ex.Message}");
            return 1;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Snakepit.Telemetry.CatalogTool docs <catalog.yaml> <page.md> | ship <catalog.yaml> <baseline.yaml> [<catalog.yaml> <baseline.yaml> ...]");
        Console.Error.WriteLine("       Snakepit.Telemetry.CatalogTool dashboards <folder> <catalog.yaml> [<catalog.yaml> ...]");
        Console.Error.WriteLine("       Snakepit.Telemetry.CatalogTool python <directory> [<catalog.yaml> ...]");
        return 2;
    }
}
