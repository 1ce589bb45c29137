namespace Snakepit.Telemetry.Generators.Model;

/// <summary>A C# enum made from a catalog enum (named or inline).</summary>
internal sealed record EnumSpec(string TypeName, string? Description, EquatableArray<EnumMemberSpec> Members);
