
namespace Snakepit.Telemetry.Generators.Wiring;

/// <summary>An event of a catalog compiled in this compilation: its name and generated type names.</summary>
internal sealed record LocalEvent(string Name, string PayloadType, string SimpleTypeName, string HandlerInterface, string SimpleInterfaceName);
