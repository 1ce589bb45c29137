using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators;

/// <summary>The catalogs to generate and the cross-catalog diagnostics, as one value-equatable model.</summary>
internal sealed record GenerationPlan(EquatableArray<CatalogSpec> Catalogs, EquatableArray<DiagnosticInfo> Diagnostics);
