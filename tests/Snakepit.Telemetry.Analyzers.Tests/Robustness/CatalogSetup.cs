namespace Snakepit.Telemetry.Analyzers.Tests.Robustness;

/// <summary>What the code under analysis sees of Snakepit.Telemetry and of catalogs.</summary>
public enum CatalogSetup
{
    /// <summary>
    /// Snakepit.Telemetry referenced (Snakepit's catalog, from the runtime assembly), with AdditionalFiles as a project
    /// has them: an events.yaml, a catalog under Snakepit's name (SNK005), a broken catalog, an unreadable one and a
    /// SnakepitBlockingCalls.txt with malformed lines.
    /// </summary>
    Runtime,

    /// <summary>Snakepit.Telemetry's types in source and no catalog anywhere, no AdditionalFiles: every name is unknown.</summary>
    MissingCatalog,

    /// <summary>Only the framework: Snakepit.Telemetry not referenced at all.</summary>
    NoTelemetry,
}
