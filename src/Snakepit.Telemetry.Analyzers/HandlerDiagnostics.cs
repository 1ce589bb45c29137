using Microsoft.CodeAnalysis;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// Every descriptor of the handler analyzers, in one place, and nothing else: the properties diagnostics carry to
/// their code fixes are in <see cref="HandlerDiagnosticProperties"/>.
/// </summary>
internal static class HandlerDiagnostics
{
    private const string ForeignCatalogDescription =
        "A catalog name belongs to the assembly that declares it: events under 'snakepit.' are Snakepit's. Declaring or naming events in another catalog's namespace makes them indistinguishable from the owner's.";

    public static readonly DiagnosticDescriptor BlockingCall = DescriptorFactory.Create(
        DiagnosticIds.BlockingCall,
        "Blocking call in a telemetry handler",
        "Handler '{0}' blocks the thread that emits the event: {1}. Make it run in the background (Dispatch = TelemetryDispatchMode.Background) or hand the work to a queue.",
        DiagnosticCategories.Performance,
        DiagnosticSeverity.Warning,
        "Handlers run on the emitting thread, inside Snakepit's pool and call paths: a handler that sleeps, waits or does synchronous I/O stalls the application. Calls are followed into methods of the same compilation.");

    public static readonly DiagnosticDescriptor ExceptionEscapes = DescriptorFactory.Create(
        DiagnosticIds.ExceptionEscapes,
        "An exception can escape a telemetry handler",
        "An exception can escape handler '{0}': {1}. The runtime detaches a failing handler for good; catch it and report it through TelemetryHub.ReportHandlerError.",
        DiagnosticCategories.Reliability,
        DiagnosticSeverity.Warning,
        "A handler that throws is detached and never called again (the :telemetry rule). Ordinary bad data (a string that does not parse, an empty sequence, a missing key) must not silence a handler.");

    public static readonly DiagnosticDescriptor AttachInHotPath = DescriptorFactory.Create(
        DiagnosticIds.AttachInHotPath,
        "Handler attached in a hot path",
        "Handler attached {0}; attach handlers once, at startup (Main, a hosted service's StartAsync, a static constructor)",
        DiagnosticCategories.Performance,
        DiagnosticSeverity.Warning,
        "Attaching copies the hub's handler tables and takes a lock: done per request, per item or per event it costs far more than the events it handles, and ids collide.");

    public static readonly DiagnosticDescriptor UnboundedStorage = DescriptorFactory.Create(
        DiagnosticIds.UnboundedStorage,
        "Unbounded storage in a telemetry handler",
        "Handler '{0}' {1}; nothing in '{2}' ever removes, trims or caps it, so it grows with every event. Bound it (a fixed window, a cap, periodic reset) or aggregate instead of storing.",
        DiagnosticCategories.Reliability,
        DiagnosticSeverity.Warning,
        "Handlers run for every event for the life of the process: storage that only grows is a memory leak. Keys taken from high-cardinality metadata (ids) grow without bound too; low-cardinality keys (pool names, enums) are bounded.");

    /// <summary>SNK004 for channels: a handler writing to a channel made by Channel.CreateUnbounded.</summary>
    public static readonly DiagnosticDescriptor UnboundedChannel = DescriptorFactory.Create(
        DiagnosticIds.UnboundedStorage,
        "Unbounded storage in a telemetry handler",
        "Handler '{0}' writes to '{1}', created by Channel.CreateUnbounded: whenever its reader falls behind, it grows with every event. Create it with Channel.CreateBounded and a full mode that drops (DropOldest, DropWrite).",
        DiagnosticCategories.Reliability,
        DiagnosticSeverity.Warning,
        "Handlers run for every event for the life of the process: storage that only grows is a memory leak. An unbounded channel grows without limit as soon as its reader is slower than the events.");

    /// <summary>SNK005 in events.yaml: this project's catalog takes a name another assembly owns.</summary>
    public static readonly DiagnosticDescriptor ForeignCatalogName = DescriptorFactory.Create(
        DiagnosticIds.ForeignCatalog,
        "Foreign use of a catalog namespace",
        "Catalog name '{0}' belongs to {1}: declare this project's events under a catalog name of its own (such as 'myapp') and rename the events' first segment to match",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Error,
        ForeignCatalogDescription);

    /// <summary>SNK005 in code: an event name under another assembly's catalog that it does not declare. {3} is " ('myapp.x')" or empty.</summary>
    public static readonly DiagnosticDescriptor ForeignEventName = DescriptorFactory.Create(
        DiagnosticIds.ForeignCatalog,
        "Foreign use of a catalog namespace",
        "'{0}' is under the catalog '{1}' of {2}, which does not declare it; events of this project belong under its own catalog name{3}",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Error,
        ForeignCatalogDescription);

    public static readonly DiagnosticDescriptor HandlerEmitsItsEvent = DescriptorFactory.Create(
        DiagnosticIds.HandlerRecursion,
        "Telemetry handler emits the event it handles",
        "Handler '{0}' emits '{1}', an event it handles: {2}. Each emit calls the handler again, without end.",
        DiagnosticCategories.Reliability,
        DiagnosticSeverity.Warning,
        "A handler that emits an event it receives recurses until the stack overflows (inline) or floods its queue (background).");

    public static readonly DiagnosticDescriptor UnknownEventName = DescriptorFactory.Create(
        DiagnosticIds.UnknownEventName,
        "Unknown event name",
        "No catalog this compilation sees declares {0} '{1}'{2}",
        DiagnosticCategories.Handlers,
        DiagnosticSeverity.Error,
        "Event names in [OnEvent], ListHandlers and the hub's attach calls must name events of the catalogs the compilation sees (its own and those of referenced assemblies), or prefixes of them.");

    /// <summary>
    /// SNK006 for a bare prefix where an event is expected (<c>"snakepit.python.call"</c>): {1} is the pattern to write,
    /// {2} the events it may have meant.
    /// </summary>
    public static readonly DiagnosticDescriptor PrefixAsEventName = DescriptorFactory.Create(
        DiagnosticIds.UnknownEventName,
        "Unknown event name",
        "'{0}' is neither an event nor a pattern: it is a prefix, which matches no event at run time; write {1} to receive every event under it, or name the event it meant: {2}",
        DiagnosticCategories.Handlers,
        DiagnosticSeverity.Error,
        "Event names in [OnEvent], ListHandlers and the hub's attach calls must name events of the catalogs the compilation sees (its own and those of referenced assemblies), or prefixes of them.");

    public static readonly DiagnosticDescriptor DuplicateHandlerId = DescriptorFactory.Create(
        DiagnosticIds.DuplicateHandlerId,
        "Duplicate handler id",
        "Handler id '{0}' is also used by '{1}': attaching both fails at run time. Give each handler its own id.",
        DiagnosticCategories.Handlers,
        DiagnosticSeverity.Error,
        "Handler ids identify handlers to Detach and ListHandlers; two handlers with one id cannot both be attached.",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor VagueHandlerId = DescriptorFactory.Create(
        DiagnosticIds.VagueHandlerId,
        "Handler id says nothing",
        "Handler id '{0}' says nothing about the handler: use a descriptive id such as 'myapp-python-logger'",
        DiagnosticCategories.Handlers,
        DiagnosticSeverity.Info,
        "The guide asks for descriptive handler ids, for easy debugging with ListHandlers.");

    public static readonly DiagnosticDescriptor HandlerSignature = DescriptorFactory.Create(
        DiagnosticIds.HandlerSignature,
        "Handler method signature does not fit its event",
        "Handler method '{0}' does not fit '{1}': {2}. Expected: {3}.",
        DiagnosticCategories.Handlers,
        DiagnosticSeverity.Error,
        "An [OnEvent] method is called by the runtime with the event payload: it must be an instance method returning void, taking the payload 'in' (or a generic TEvent for a prefix).");

    private const string HandlerClassDescription =
        "The generator adds the wiring of a [TelemetryHandler] class to the class itself, so it must be partial, it must bind at least one event, and what its attribute asks for must be possible.";

    /// <summary>SNK010: not partial. {1} is " (and so must its containing types)" or empty.</summary>
    public static readonly DiagnosticDescriptor HandlerClassNotPartial = DescriptorFactory.Create(
        DiagnosticIds.HandlerClass,
        "Handler class cannot be wired",
        "[TelemetryHandler] class '{0}' must be partial{1}: the generator adds its wiring (attach under its id) to the class. Add the 'partial' modifier.",
        DiagnosticCategories.Handlers,
        DiagnosticSeverity.Error,
        HandlerClassDescription);

    /// <summary>SNK010: binds nothing.</summary>
    public static readonly DiagnosticDescriptor HandlerClassBindsNothing = DescriptorFactory.Create(
        DiagnosticIds.HandlerClass,
        "Handler class cannot be wired",
        "[TelemetryHandler] class '{0}' binds no event: implement a generated handler interface (such as IPythonCallStopHandler) or add an [OnEvent(\"event.name\")] method",
        DiagnosticCategories.Handlers,
        DiagnosticSeverity.Error,
        HandlerClassDescription);

    /// <summary>SNK010: a queue capacity the runtime refuses.</summary>
    public static readonly DiagnosticDescriptor HandlerQueueCapacity = DescriptorFactory.Create(
        DiagnosticIds.HandlerClass,
        "Handler class cannot be wired",
        "[TelemetryHandler] class '{0}' asks for QueueCapacity = {1}, but a background queue holds from 1 to 1,048,576 waiting events: attaching it would throw ArgumentOutOfRangeException",
        DiagnosticCategories.Handlers,
        DiagnosticSeverity.Error,
        HandlerClassDescription);
}
