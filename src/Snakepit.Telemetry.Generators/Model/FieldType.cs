namespace Snakepit.Telemetry.Generators.Model;

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
