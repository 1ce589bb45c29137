using System;
using System.Collections.Generic;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>Spans: X.start with X.stop and/or X.exception.</summary>
internal sealed partial class CatalogParser
{
    private List<SpanSpec> ReadSpans(Dictionary<string, YamlScalar> eventNodes)
    {
        var spans = new List<SpanSpec>();
        if (_catalogName.Length == 0)
        {
            return spans;
        }

        foreach (var pair in eventNodes)
        {
            var name = pair.Key;
            string? spanName = null;
            if (name.EndsWith(".stop", StringComparison.Ordinal))
            {
                spanName = name.Substring(0, name.Length - ".stop".Length);
            }
            else if (name.EndsWith(".exception", StringComparison.Ordinal))
            {
                spanName = name.Substring(0, name.Length - ".exception".Length);
            }

            if (spanName is null || spanName == _catalogName)
            {
                continue;
            }

            if (!eventNodes.ContainsKey(spanName + ".start"))
            {
                Report(CatalogDiagnostics.SpanWithoutStart, pair.Value.Span, name, spanName + ".start");
            }
        }

        foreach (var pair in eventNodes)
        {
            var name = pair.Key;
            if (!name.EndsWith(".start", StringComparison.Ordinal))
            {
                continue;
            }

            var spanName = name.Substring(0, name.Length - ".start".Length);
            if (!spanName.StartsWith(_catalogName + ".", StringComparison.Ordinal))
            {
                continue;
            }

            var stop = eventNodes.ContainsKey(spanName + ".stop") ? spanName + ".stop" : null;
            var exception = eventNodes.ContainsKey(spanName + ".exception") ? spanName + ".exception" : null;
            if (stop is null && exception is null)
            {
                continue;
            }

            // Every generated name is computed here, once, and claimed (SNK103 on a collision); emitters read the model.
            var pascal = Naming.ToPascalCase(spanName.Substring(_catalogName.Length + 1));
            var typeName = pascal + "Span";
            var startMethod = "Start" + pascal;
            if (ClaimType(typeName, pair.Value.Span, $"the span type of '{spanName}'") &&
                ClaimMember(startMethod, pair.Value.Span, $"the span start of '{spanName}'"))
            {
                spans.Add(new SpanSpec(spanName, typeName, startMethod, name, stop, exception));
            }
        }

        return spans;
    }
}
