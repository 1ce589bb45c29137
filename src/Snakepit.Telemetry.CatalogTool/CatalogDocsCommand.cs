using System.IO;
using Snakepit.Telemetry.Generators.Emitting;

namespace Snakepit.Telemetry.CatalogTool;

/// <summary>Writes a catalog's Markdown reference page, read by the generator's own parser and written by its docs emitter.</summary>
internal static class CatalogDocsCommand
{
    /// <summary>
    /// Writes the page of <paramref name="catalogPath"/> to <paramref name="pagePath"/>. A page that is already current
    /// keeps its text and only gets a new time, so the build's up-to-date check holds. A catalog with errors writes no
    /// page: its diagnostics go to <paramref name="output"/> as MSBuild errors, and the result is 1.
    /// </summary>
    public static int Run(string catalogPath, string pagePath, TextWriter output)
    {
        var spec = CatalogFileReader.Read(catalogPath, output);
        if (spec is null)
        {
            return 1;
        }

        var page = CatalogDocsEmitter.Emit(spec);
        if (CatalogOutputFile.Write(pagePath, page))
        {
            output.WriteLine($"Snakepit.Telemetry: wrote {pagePath} from {catalogPath}");
        }

        return 0;
    }
}
