namespace Snakepit.Telemetry.Generators.Model;

/// <summary>The path and text of a catalog or baseline file, value-equatable, so a pipeline step re-runs only when one changes.</summary>
internal sealed record CatalogFileText(string Path, string Text);
