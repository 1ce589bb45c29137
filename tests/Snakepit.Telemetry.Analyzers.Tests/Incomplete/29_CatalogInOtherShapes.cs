// TelemetryCatalog on the wrong target, through an alias, and an attribute class of the same name in another namespace.
using Snakepit.Telemetry;
using Catalog = Snakepit.Telemetry.TelemetryCatalogAttribute;

[assembly: Catalog("myapp", typeof(Incomplete.I29.Thing))]
[module: TelemetryCatalog("myapp", typeof(Incomplete.I29.Thing))]
[assembly: Incomplete.I29.TelemetryCatalog("snakepit", typeof(Incomplete.I29.Thing))]
[assembly: global::Snakepit.Telemetry.TelemetryCatalog("myapp", typeof(Incomplete.I29.Thing),

namespace Incomplete.I29;

public sealed class TelemetryCatalogAttribute : System.Attribute
{
    public TelemetryCatalogAttribute(string name, System.Type type) { }
}

[TelemetryCatalog("myapp", typeof(Thing))]
public struct Thing : ITelemetryEvent
{
    public const string Name = "myapp.thing";
}
