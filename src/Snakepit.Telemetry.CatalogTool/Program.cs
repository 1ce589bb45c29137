using System;

namespace Snakepit.Telemetry.CatalogTool;

/// <summary>
/// <c>Snakepit.Telemetry.CatalogTool docs &lt;catalog.yaml&gt; &lt;page.md&gt;</c>: writes the catalog's reference page.
/// Run by the package's <c>SnakepitCatalogDocs</c> target; errors are printed in MSBuild's format, so they show in
/// the build (and the IDE's error list) at their place in the catalog.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "docs")
        {
            return CatalogDocsCommand.Run(args[1], args[2], Console.Out);
        }

        Console.Error.WriteLine("usage: Snakepit.Telemetry.CatalogTool docs <catalog.yaml> <page.md>");
        return 2;
    }
}
