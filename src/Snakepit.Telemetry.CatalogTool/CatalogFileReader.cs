using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Generators.Parsing;

namespace Snakepit.Telemetry.CatalogTool;

/// <summary>
/// Reads a catalog as the compiler reads an AdditionalFile and parses it with the generator's parser; its diagnostics
/// are printed in MSBuild's canonical format, so a build shows them at their place in the catalog.
/// </summary>
internal static class CatalogFileReader
{
    /// <summary>The catalog's spec, or null when it cannot be read or has errors (printed to <paramref name="output"/>).</summary>
    public static CatalogSpec? Read(string catalogPath, TextWriter output)
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
            return null;
        }

        var result = CatalogParser.Parse(catalogPath, text);
        foreach (var diagnostic in result.Diagnostics.Select(d => d.ToDiagnostic()))
        {
            var place = diagnostic.Location.GetLineSpan();
            var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
            output.WriteLine(
                $"{place.Path}({place.StartLinePosition.Line + 1},{place.StartLinePosition.Character + 1}): {severity} {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
        }

        return result.Spec;
    }
}
