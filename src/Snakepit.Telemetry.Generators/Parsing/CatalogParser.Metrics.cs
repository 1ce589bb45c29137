using System.Collections.Generic;
using System.Linq;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>The metrics section: checks of metric tags (SNK107).</summary>
internal sealed partial class CatalogParser
{
    /// <summary>
    /// The metrics section is reserved and otherwise ignored; one rule applies already: an entry naming an
    /// <c>event</c> and <c>tags</c> must not tag by a high-cardinality field (SNK107).
    /// </summary>
    private void CheckMetricTags(YamlNodeBase metrics, List<EventSpec> events, List<FieldSpec> common)
    {
        IEnumerable<YamlNodeBase> entries = metrics switch
        {
            YamlSequence sequence => sequence.Items,
            YamlMapping mapping => mapping.Entries.Select(e => e.Value),
            _ => Enumerable.Empty<YamlNodeBase>(),
        };
        foreach (var entry in entries.OfType<YamlMapping>())
        {
            var eventName = entry.Entries.FirstOrDefault(e => e.Key.Value == "event").Value as YamlScalar;
            var tags = entry.Entries.FirstOrDefault(e => e.Key.Value == "tags").Value as YamlSequence;
            var spec = eventName is null ? null : events.FirstOrDefault(e => e.Name == eventName.Value);
            if (spec is null || tags is null)
            {
                continue;
            }

            foreach (var tag in tags.Items.OfType<YamlScalar>())
            {
                var field = spec.Metadata.Concat(common).FirstOrDefault(f => f.Name == tag.Value);
                if (field is { HighCardinality: true })
                {
                    Report(CatalogDiagnostics.HighCardinalityTag, tag.Span, tag.Value, spec.Name);
                }
            }
        }
    }
}
