using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Wiring;

/// <summary>A [TelemetryHandler] class, as plain data: what its generated wiring needs, nothing from Roslyn.</summary>
internal sealed record HandlerClassSpec(
    string? Namespace,
    EquatableArray<string> ContainingTypeDeclarations,
    string Declaration,
    string TypeName,
    string FullyQualifiedName,
    string HandlerId,
    bool CanBeCreated,
    bool IsReachable,
    EquatableArray<InterfaceBinding> Interfaces,
    EquatableArray<MethodBinding> Methods,
    EquatableArray<string> UnresolvedInterfaces,
    int DispatchMode = 0,
    int QueueCapacity = HandlerClassSpec.DefaultQueueCapacity)
{
    /// <summary>The runtime's TelemetryHandlerBuilder.DefaultQueueCapacity (the generator cannot reference the runtime).</summary>
    public const int DefaultQueueCapacity = 1024;

    public bool HasBindings => Interfaces.Count > 0 || Methods.Count > 0;
}

/// <summary>A generated handler interface the class implements, and the payload it handles.</summary>
internal sealed record InterfaceBinding(string InterfaceType, string PayloadType);

/// <summary>
/// A valid [OnEvent] method: bound to one payload type (<see cref="PayloadType"/>, taken <c>in</c> or by value),
/// or generic and bound to <see cref="Patterns"/>. A payload type generated in this same compilation is not visible
/// to the generator: such a method keeps the type's name as written (<see cref="UnresolvedPayload"/>) and its
/// <see cref="EventName"/>, and is resolved against the compilation's own catalogs.
/// </summary>
internal sealed record MethodBinding(
    string MethodName,
    string? PayloadType,
    bool TakesIn,
    EquatableArray<string> Patterns,
    string? UnresolvedPayload = null,
    string? EventName = null);

/// <summary>An event of a catalog compiled in this compilation: its name and generated type names.</summary>
internal sealed record LocalEvent(string Name, string PayloadType, string SimpleTypeName, string HandlerInterface, string SimpleInterfaceName);
