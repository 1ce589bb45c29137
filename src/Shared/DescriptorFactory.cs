using Microsoft.CodeAnalysis;

namespace Snakepit.Telemetry.Shared;

/// <summary>Builds every Snakepit descriptor, so that each has its help link to its docs page, derived from its id.</summary>
internal static class DescriptorFactory
{
    /// <summary>Where the diagnostics' pages are published (docs/diagnostics in the repository).</summary>
    public const string HelpBase = "https://github.com/snakepit-generators/Snakepit.Generators/blob/main/docs/diagnostics/";

    /// <summary>The help link of a diagnostic id.</summary>
    public static string HelpLink(string id) => HelpBase + id + ".md";

    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity severity,
        string? description = null,
        params string[] customTags) =>
        new(id, title, messageFormat, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink(id), customTags: customTags);
}
