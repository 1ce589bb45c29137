using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>
/// What parsing one catalog file gave: the spec when the catalog is free of errors, and its diagnostics.
/// <see cref="CatalogName"/> and <see cref="CatalogSpan"/> locate catalog-wide diagnostics.
/// </summary>
internal sealed record CatalogParseResult(
    string FilePath,
    string? CatalogName,
    SourceSpan CatalogSpan,
    CatalogSpec? Spec,
    EquatableArray<DiagnosticInfo> Diagnostics);
