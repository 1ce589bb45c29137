using Microsoft.CodeAnalysis;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>Every diagnostic of the handler analyzers, in one place.</summary>
internal static class HandlerDiagnostics
{
    public const string Category = "Snakepit.Handlers";

    /// <summary>Property of SNK006 diagnostics: the suggested names, separated by ';', best first.</summary>
    public const string SuggestionsProperty = "Suggestions";

    /// <summary>Properties of SNK008 diagnostics: the payload type to take (fully qualified) or "generic", and the parameter name.</summary>
    public const string PayloadProperty = "Payload";
    public const string GenericPayload = "<generic>";
    public const string ParameterNameProperty = "ParameterName";

    private const string HelpBase = "https://github.com/snakepit-generators/Snakepit.Generators/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor UnknownEventName = new(
        "SNK006",
        "Unknown event name",
        "No catalog this compilation sees declares {0} '{1}'{2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Event names in [OnEvent], ListHandlers and the hub's attach calls must name events of the catalogs the compilation sees (its own and those of referenced assemblies), or prefixes of them.",
        helpLinkUri: HelpBase + "SNK006.md");

    public static readonly DiagnosticDescriptor DuplicateHandlerId = new(
        "SNK007",
        "Duplicate handler id",
        "Handler id '{0}' is also used by '{1}': attaching both fails at run time. Give each handler its own id.",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Handler ids identify handlers to Detach and ListHandlers; two handlers with one id cannot both be attached.",
        helpLinkUri: HelpBase + "SNK007.md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    // The same ID at Info severity, as the rule asks: release tracking lists SNK007 once, at its Error severity.
#pragma warning disable RS2001
    public static readonly DiagnosticDescriptor VagueHandlerId = new(
        "SNK007",
        "Handler id says nothing",
        "Handler id '{0}' says nothing about the handler: use a descriptive id such as 'myapp-python-logger'",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "The guide asks for descriptive handler ids, for easy debugging with ListHandlers.",
        helpLinkUri: HelpBase + "SNK007.md");
#pragma warning restore RS2001

    public static readonly DiagnosticDescriptor HandlerSignature = new(
        "SNK008",
        "Handler method signature does not fit its event",
        "Handler method '{0}' does not fit '{1}': {2}. Expected: {3}.",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An [OnEvent] method is called by the runtime with the event payload: it must be an instance method returning void, taking the payload 'in' (or a generic TEvent for a prefix).",
        helpLinkUri: HelpBase + "SNK008.md");

    public static readonly DiagnosticDescriptor HandlerClass = new(
        "SNK010",
        "Handler class cannot be wired",
        "[TelemetryHandler] class '{0}' {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator adds the wiring of a [TelemetryHandler] class to the class itself, so it must be partial, and it must bind at least one event.",
        helpLinkUri: HelpBase + "SNK010.md");
}
