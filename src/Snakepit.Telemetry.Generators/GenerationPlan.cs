using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators;

/// <summary>The catalogs to generate and the cross-catalog diagnostics, as one value-equatable model.</summary>
/// <param name="ModuleInitializers">Whether catalogs register from a module initializer (C# 9 or later, and the attribute available).</param>
internal sealed record GenerationPlan(EquatableArray<CatalogSpec> Catalogs, EquatableArray<DiagnosticInfo> Diagnostics, bool ModuleInitializers = false);
