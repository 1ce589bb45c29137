namespace Snakepit.Telemetry.Generators.Model;

/// <summary>One enum value: its catalog spelling and its C# member name.</summary>
internal sealed record EnumMemberSpec(string Value, string MemberName);
