using System.Collections.Generic;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>A sequence (list).</summary>
internal sealed class YamlSequence : YamlNodeBase
{
    public YamlSequence(List<YamlNodeBase> items, SourceSpan span)
        : base(span) => Items = items;

    public List<YamlNodeBase> Items { get; }

    public override string Shape => "a list";
}
