namespace Snakepit.Telemetry.Shared;

/// <summary>
/// The categories of Snakepit's diagnostics, written once: descriptors, AnalyzerReleases and the docs pages' headers
/// (checked by DescriptorChecks) all say one of these.
/// </summary>
internal static class DiagnosticCategories
{
    /// <summary>Handler code that slows the thread emitting events (SNK001, SNK003).</summary>
    public const string Performance = "Snakepit.Performance";

    /// <summary>Handler code that fails, leaks or recurses (SNK002, SNK004, SNK009).</summary>
    public const string Reliability = "Snakepit.Reliability";

    /// <summary>Ownership of catalog names (SNK005).</summary>
    public const string Design = "Snakepit.Design";

    /// <summary>What annotated handlers and attach calls must be (SNK006-SNK008, SNK010, SNK011).</summary>
    public const string Handlers = "Snakepit.Handlers";

    /// <summary>The catalogs themselves, reported in the YAML (SNK100-SNK110).</summary>
    public const string Catalog = "Snakepit.Catalog";
}
