using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>A scalar: its text, and whether it was written plain (unquoted).</summary>
internal sealed class YamlScalar : YamlNodeBase
{
    public YamlScalar(string value, bool isPlain, SourceSpan span)
        : base(span)
    {
        Value = value;
        IsPlain = isPlain;
    }

    public string Value { get; }

    public bool IsPlain { get; }

    /// <summary>An empty plain scalar, <c>~</c> or <c>null</c>: YAML's null.</summary>
    public bool IsNull => IsPlain && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");

    public override string Shape => IsNull ? "nothing" : "a scalar";
}
