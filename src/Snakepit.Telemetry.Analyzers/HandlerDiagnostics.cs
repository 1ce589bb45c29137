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

    /// <summary>Property of SNK001: "true" when the handler's [TelemetryHandler] can switch it to background dispatch.</summary>
    public const string CanRunInBackgroundProperty = "CanRunInBackground";

    /// <summary>Property of SNK002: the expression naming the handler in ReportHandlerError ("this" or the id).</summary>
    public const string HandlerReferenceProperty = "HandlerReference";

    /// <summary>Property of SNK002: the expression giving the handled event's name in the catch block.</summary>
    public const string EventNameExpressionProperty = "EventNameExpression";

    public static readonly DiagnosticDescriptor BlockingCall = new(
        "SNK001",
        "Blocking call in a telemetry handler",
        "Handler '{0}' blocks the thread that emits the event: {1}. Make it run in the background (Dispatch = TelemetryDispatchMode.Background) or hand the work to a queue.",
        "Snakepit.Performance",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Handlers run on the emitting thread, inside Snakepit's pool and call paths: a handler that sleeps, waits or does synchronous I/O stalls the application. Calls are followed into methods of the same compilation.",
        helpLinkUri: HelpBase + "SNK001.md");

    public static readonly DiagnosticDescriptor ExceptionEscapes = new(
        "SNK002",
        "An exception can escape a telemetry handler",
        "An exception can escape handler '{0}': {1}. The runtime detaches a failing handler for good; catch it and report it through TelemetryHub.ReportHandlerError.",
        "Snakepit.Reliability",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A handler that throws is detached and never called again (the :telemetry rule). Ordinary bad data (a string that does not parse, an empty sequence, a missing key) must not silence a handler.",
        helpLinkUri: HelpBase + "SNK002.md");

    public static readonly DiagnosticDescriptor AttachInHotPath = new(
        "SNK003",
        "Handler attached in a hot path",
        "Handler attached {0}; attach handlers once, at startup (Main, a hosted service's StartAsync, a static constructor)",
        "Snakepit.Performance",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Attaching copies the hub's handler tables and takes a lock: done per request, per item or per event it costs far more than the events it handles, and ids collide.",
        helpLinkUri: HelpBase + "SNK003.md");

    public static readonly DiagnosticDescriptor UnboundedStorage = new(
        "SNK004",
        "Unbounded storage in a telemetry handler",
        "Handler '{0}' {1}; nothing in '{2}' ever removes, trims or caps it, so it grows with every event. Bound it (a fixed window, a cap, periodic reset) or aggregate instead of storing.",
        "Snakepit.Reliability",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Handlers run for every event for the life of the process: storage that only grows is a memory leak. Keys taken from high-cardinality metadata (ids) grow without bound too; low-cardinality keys (pool names, enums) are bounded.",
        helpLinkUri: HelpBase + "SNK004.md");

    public static readonly DiagnosticDescriptor ForeignCatalog = new(
        "SNK005",
        "Foreign use of a catalog namespace",
        "{0}",
        "Snakepit.Design",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A catalog name belongs to the assembly that declares it: events under 'snakepit.' are Snakepit's. Declaring or naming events in another catalog's namespace makes them indistinguishable from the owner's.",
        helpLinkUri: HelpBase + "SNK005.md");

    public static readonly DiagnosticDescriptor HandlerEmitsItsEvent = new(
        "SNK009",
        "Telemetry handler emits the event it handles",
        "Handler '{0}' emits '{1}', an event it handles: {2}. Each emit calls the handler again, without end.",
        "Snakepit.Reliability",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A handler that emits an event it receives recurses until the stack overflows (inline) or floods its queue (background).",
        helpLinkUri: HelpBase + "SNK009.md");

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
