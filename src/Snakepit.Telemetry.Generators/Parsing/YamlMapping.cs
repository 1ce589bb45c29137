using System.Collections.Generic;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>A mapping, keeping its keys in order and duplicates as written (the catalog parser reports them).</summary>
internal sealed class YamlMapping : YamlNodeBase
{
    public YamlMapping(List<KeyValuePair<YamlScalar, YamlNodeBase>> entries, SourceSpan span)
        : base(span) => Entries = entries;

    public List<KeyValuePair<YamlScalar, YamlNodeBase>> Entries { get; }

    public override string Shape => "a mapping";
}
