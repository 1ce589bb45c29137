using System.IO;

namespace Snakepit.Telemetry.CatalogTool;

/// <summary>Ships a catalog: copies it onto its baseline, refusing a catalog with errors (a broken baseline checks nothing).</summary>
internal static class CatalogShipCommand
{
    public static int Run(string catalogPath, string baselinePath, TextWriter output)
    {
        if (CatalogFileReader.Read(catalogPath, output) is null)
        {
            output.WriteLine($"Snakepit.Telemetry: {catalogPath} has errors, so it was not shipped onto {baselinePath}: fix them and ship it again.");
            return 1;
        }

        File.Copy(catalogPath, baselinePath, overwrite: true);
        output.WriteLine($"Snakepit.Telemetry: shipped {catalogPath} as {baselinePath}");
        return 0;
    }
}
