
namespace Snakepit.Telemetry.Generators.Wiring;

/// <summary>A generated handler interface the class implements, and the payload it handles.</summary>
internal sealed record InterfaceBinding(string InterfaceType, string PayloadType);
