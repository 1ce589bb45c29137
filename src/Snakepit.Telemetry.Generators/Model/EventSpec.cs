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
    /// <summary>The generated handler interface (<c>IPythonCallStopHandler</c>).</summary>
    public string HandlerInterfaceName => HandlerInterfaceNameOf(TypeName);

    /// <summary>The generated IsEnabled property (<c>IsPythonCallStopEnabled</c>).</summary>
    public string IsEnabledName => IsEnabledNameOf(TypeName);

    /// <summary>The one rule for the handler interface's name: the parser claims it, emitters write it.</summary>
    public static string HandlerInterfaceNameOf(string typeName) => "I" + typeName + "Handler";

    /// <summary>The one rule for the IsEnabled property's name: the parser claims it, emitters write it.</summary>
    public static string IsEnabledNameOf(string typeName) => "Is" + typeName + "Enabled";
}
