using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Wiring;

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
