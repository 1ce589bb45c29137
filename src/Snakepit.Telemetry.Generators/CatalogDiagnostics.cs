using System;
using Microsoft.CodeAnalysis;

namespace Snakepit.Telemetry.Generators;

/// <summary>Every diagnostic the catalog generator reports, in one place.</summary>
internal static class CatalogDiagnostics
{
    public const string Category = "Snakepit.Catalog";

    private const string HelpBase = "https://github.com/snakepit-generators/Snakepit.Generators/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor SyntaxError = Create(
        "SNK100",
        "Catalog YAML syntax error",
        "The catalog is not valid YAML: {0}. Fix the YAML syntax at this place.");

    public static readonly DiagnosticDescriptor SchemaError = Create(
        "SNK101",
        "Catalog schema error",
        "{0}");

    public static readonly DiagnosticDescriptor InvalidName = Create(
        "SNK102",
        "Invalid event or field name",
        "{0}");

    public static readonly DiagnosticDescriptor DuplicateName = Create(
        "SNK103",
        "Duplicate or colliding name",
        "{0}");

    public static readonly DiagnosticDescriptor InvalidType = Create(
        "SNK104",
        "Unknown or non-numeric type",
        "{0}");

    public static readonly DiagnosticDescriptor SpanWithoutStart = Create(
        "SNK105",
        "Span event without a start event",
        "Event '{0}' ends a span, but the catalog declares no '{1}'. Declare '{1}', or rename '{0}' if it is not part of a span.");

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Create(
        "SNK106",
        "C# language version too old for generated telemetry code",
        "The code generated for catalog '{0}' needs C# 8.0 or later, but this project uses C# {1}. Set <LangVersion>8.0</LangVersion> (or later, e.g. 'latest') in the project file.");

    public static readonly DiagnosticDescriptor HighCardinalityTag = new(
        "SNK107",
        "Metric tag on a high-cardinality field",
        "Metric tag '{0}' of '{1}' is a high-cardinality field: every distinct value makes a new time series. Tag by a low-cardinality field (pool, command, status) instead.",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "SNK107.md");

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "SNK107" => HighCardinalityTag,
        "SNK100" => SyntaxError,
        "SNK101" => SchemaError,
        "SNK102" => InvalidName,
        "SNK103" => DuplicateName,
        "SNK104" => InvalidType,
        "SNK105" => SpanWithoutStart,
        "SNK106" => LanguageVersionTooOld,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown Snakepit diagnostic id."),
    };

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(
            id,
            title,
            message,
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpBase + id + ".md");
}
