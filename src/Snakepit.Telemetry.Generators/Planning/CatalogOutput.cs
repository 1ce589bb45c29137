using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Planning;

/// <summary>What one catalog generates: its spec when it was selected (null otherwise), and how it registers.</summary>
/// <param name="Spec">The catalog, when it generates code.</param>
/// <param name="ModuleInitializers">Whether it registers from a module initializer (C# 9 or later, and the attribute available).</param>
internal sealed record CatalogOutput(CatalogSpec? Spec, bool ModuleInitializers);
