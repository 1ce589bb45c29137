using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Snakepit.Telemetry.Generators.Emitting;
using Snakepit.Telemetry.Generators.Parsing;

namespace Snakepit.Telemetry.CatalogTool;

/// <summary>Writes a catalog's Markdown reference page, read by the generator's own parser and written by its docs emitter.</summary>
internal static class CatalogDocsCommand
{
    /// <summary>
    /// Reads <paramref name="catalogPath"/> as the compiler reads an AdditionalFile and writes its page to
    /// <paramref name="pagePath"/>, leaving the file untouched when it is already current. A catalog with errors
    /// writes no page: its diagnostics go to <paramref name="output"/> as MSBuild errors, and the result is 1.
    /// </summary>
    public static int Run(string catalogPath, string pagePath, TextWriter output)
    {
        string text;
        try
        {
            using var stream = File.OpenRead(catalogPath);
            text = SourceText.From(stream).ToString();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"{catalogPath}: error SNK100: The catalog cannot be read: {ex.Message}");
            return 1;
        }

        var result = CatalogParser.Parse(catalogPath, text);
        foreach (var diagnostic in result.Diagnostics.Select(d => d.ToDiagnostic()))
        {
            var place = diagnostic.Location.GetLineSpan();
            var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
            output.WriteLine(
                $"{place.Path}({place.StartLinePosition.Line + 1},{place.StartLinePosition.Character + 1}): {severity} {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
        }

        if (result.Spec is null)
        {
            return 1;
        }

        var page = CatalogDocsEmitter.Emit(result.Spec);
        if (File.Exists(pagePath) && File.ReadAllText(pagePath) == page)
        {
            return 0;
        }

        // Written beside and moved over, so a reader (or a second target framework's build) never sees half a page.
        var directory = Path.GetDirectoryName(Path.GetFullPath(pagePath))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(pagePath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllText(temporary, page);
        File.Move(temporary, pagePath, overwrite: true);
        output.WriteLine($"Snakepit.Telemetry: wrote {pagePath} from {catalogPath}");
        return 0;
    }
}
