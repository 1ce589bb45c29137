namespace Snakepit.Telemetry.Generators.Model;

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
