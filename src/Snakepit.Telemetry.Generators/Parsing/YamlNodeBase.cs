using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>A YAML node with the exact place it came from, so every catalog diagnostic can point at it.</summary>
internal abstract class YamlNodeBase
{
    protected YamlNodeBase(SourceSpan span) => Span = span;

    public SourceSpan Span { get; }

    public abstract string Shape { get; }
}
