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
    HandlerDispatch Dispatch = HandlerDispatch.Inline,
    int QueueCapacity = HandlerClassSpec.DefaultQueueCapacity)
{
    /// <summary>The runtime's TelemetryHandlerBuilder.DefaultQueueCapacity (the generator cannot reference the runtime).</summary>
    public const int DefaultQueueCapacity = 1024;

    public bool HasBindings => Interfaces.Count > 0 || Methods.Count > 0;
}
