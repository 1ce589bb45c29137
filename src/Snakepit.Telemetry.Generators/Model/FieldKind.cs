namespace Snakepit.Telemetry.Generators.Model;

/// <summary>Whether a field is a measurement (a number) or metadata.</summary>
internal enum FieldKind
{
    Measurement,
    Metadata,
}
