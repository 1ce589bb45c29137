using System.Collections.Generic;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>A YAML node with the exact place it came from, so every catalog diagnostic can point at it.</summary>
internal abstract class YamlNodeBase
{
    protected YamlNodeBase(SourceSpan span) => Span = span;

    public SourceSpan Span { get; }

    public abstract string Shape { get; }
}

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

/// <summary>A sequence (list).</summary>
internal sealed class YamlSequence : YamlNodeBase
{
    public YamlSequence(List<YamlNodeBase> items, SourceSpan span)
        : base(span) => Items = items;

    public List<YamlNodeBase> Items { get; }

    public override string Shape => "a list";
}

/// <summary>A mapping, keeping its keys in order and duplicates as written (the catalog parser reports them).</summary>
internal sealed class YamlMapping : YamlNodeBase
{
    public YamlMapping(List<KeyValuePair<YamlScalar, YamlNodeBase>> entries, SourceSpan span)
        : base(span) => Entries = entries;

    public List<KeyValuePair<YamlScalar, YamlNodeBase>> Entries { get; }

    public override string Shape => "a mapping";
}
