using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Generators.Parsing;

namespace Snakepit.Telemetry.Generators.Planning;

/// <summary>
/// What the cross-catalog checks need from one catalog: its file, name and generated class. Editing a catalog's events
/// leaves its key equal, so the other catalogs' outputs stay cached.
/// </summary>
/// <param name="FilePath">The catalog's file.</param>
/// <param name="CatalogName">The catalog's name; null when the file does not say.</param>
/// <param name="CatalogSpan">Where the name is, for diagnostics.</param>
/// <param name="ClassName">The generated class (namespace and name); null when the catalog does not generate (errors).</param>
internal sealed record CatalogKey(string FilePath, string? CatalogName, SourceSpan CatalogSpan, string? ClassName)
{
    public static CatalogKey Of(CatalogParseResult result) =>
        new(result.FilePath, result.CatalogName, result.CatalogSpan, result.Spec is { } spec ? spec.Namespace + "." + spec.ClassName : null);
}
