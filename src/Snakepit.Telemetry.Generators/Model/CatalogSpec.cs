namespace Snakepit.Telemetry.Generators.Model;

/// <summary>The C#-ready description of one catalog: everything the emitter needs, nothing from Roslyn.</summary>
internal sealed record CatalogSpec(
    string CatalogName,
    string Namespace,
    string ClassName,
    string? Description,
    EquatableArray<EnumSpec> Enums,
    EquatableArray<FieldSpec> CommonMetadata,
    EquatableArray<EventSpec> Events,
    EquatableArray<SpanSpec> Spans);

/// <summary>A C# enum made from a catalog enum (named or inline).</summary>
internal sealed record EnumSpec(string TypeName, string? Description, EquatableArray<EnumMemberSpec> Members);

/// <summary>One enum value: its catalog spelling and its C# member name.</summary>
internal sealed record EnumMemberSpec(string Value, string MemberName);

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

/// <summary>Whether a field is a measurement (a number) or metadata.</summary>
internal enum FieldKind
{
    Measurement,
    Metadata,
}

/// <summary>The catalog types a field can have.</summary>
internal enum FieldType
{
    Int64,
    Double,
    Duration,
    Timestamp,
    String,
    Bool,
    Enum,
}

/// <summary>One measurement or metadata field, with its C# names.</summary>
internal sealed record FieldSpec(
    string Name,
    string PropertyName,
    string ParameterName,
    FieldKind Kind,
    FieldType Type,
    string? EnumTypeName,
    string? Unit,
    bool Optional,
    string? Description,
    bool IsCommon,
    bool HighCardinality = false);

/// <summary>
/// A span: events <c>X.start</c> and <c>X.stop</c> and/or <c>X.exception</c>. Carried fields are the start's
/// metadata that the span passes on to the stop/exception events.
/// </summary>
internal sealed record SpanSpec(
    string Name,
    string TypeName,
    string StartEvent,
    string? StopEvent,
    string? ExceptionEvent);
