using System.Collections.Generic;
using System.IO;

namespace Snakepit.Telemetry.CatalogTool;

/// <summary>
/// Ships catalogs: copies each onto its baseline. Every catalog is read first, and nothing is copied when one has
/// errors (a broken baseline checks nothing, and half a release shipped is worse than none).
/// </summary>
internal static class CatalogShipCommand
{
    /// <param name="pairs">Catalog and baseline paths, alternating.</param>
    public static int Run(IReadOnlyList<string> pairs, TextWriter output)
    {
        var failed = new List<string>();
        for (var i = 0; i < pairs.Count; i += 2)
        {
            if (CatalogFileReader.Read(pairs[i], output) is null)
            {
                failed.Add(pairs[i]);
            }
        }

        if (failed.Count > 0)
        {
            output.WriteLine($"Snakepit.Telemetry: nothing was shipped: {string.Join(", ", failed)} {(failed.Count == 1 ? "has" : "have")} errors; fix them and ship again.");
            return 1;
        }

        for (var i = 0; i < pairs.Count; i += 2)
        {
            File.Copy(pairs[i], pairs[i + 1], overwrite: true);
            output.WriteLine($"Snakepit.Telemetry: shipped {pairs[i]} as {pairs[i + 1]}");
        }

        return 0;
    }
}
