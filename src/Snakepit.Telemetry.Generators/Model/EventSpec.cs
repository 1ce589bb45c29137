namespace Snakepit.Telemetry.Generators.Model;

/// <summary>One event of the catalog.</summary>
internal sealed record EventSpec(
    string Name,
    string TypeName,
    string Description,
    string Frequency,
    string Stability,
    string? Deprecated,
    EquatableArray<FieldSpec> Measurements,
    EquatableArray<FieldSpec> Metadata)
{
    public string HandlerInterfaceName => "I" + TypeName + "Handler";

    public string IsEnabledName => "Is" + TypeName + "Enabled";
}
