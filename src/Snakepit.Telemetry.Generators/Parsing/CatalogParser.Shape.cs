using System;
using System.Collections.Generic;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>YAML shape: keys of a mapping, required and optional values, choices, and shape errors (SNK101).</summary>
internal sealed partial class CatalogParser
{
    private Dictionary<string, YamlNodeBase> ReadKeys(YamlMapping mapping, string[] allowed, string owner)
    {
        var keys = new Dictionary<string, YamlNodeBase>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            if (keys.ContainsKey(key))
            {
                Report(CatalogDiagnostics.DuplicateKey, entry.Key.Span, key, owner);
                continue;
            }

            if (Array.IndexOf(allowed, key) < 0)
            {
                if (key == "<<" && entry.Key.IsPlain)
                {
                    Report(CatalogDiagnostics.MergeKey, entry.Key.Span, owner);
                    continue;
                }

                var hint = Naming.Closest(key, allowed);
                Report(CatalogDiagnostics.UnknownKey, entry.Key.Span, key, owner, DidYouMean(hint), string.Join(", ", allowed));
                continue;
            }

            keys[key] = entry.Value;
        }

        return keys;
    }

    private T? Require<T>(Dictionary<string, YamlNodeBase> keys, string key, SourceSpan ownerSpan, string ownerText, string expected)
        where T : YamlNodeBase
    {
        if (!keys.TryGetValue(key, out var node))
        {
            Report(CatalogDiagnostics.MissingKey, ownerSpan, Capitalize(ownerText), key, expected);
            return null;
        }

        if (node is T typed && !(typed is YamlScalar { IsNull: true }))
        {
            return typed;
        }

        ReportShape(node, $"'{key}' of {ownerText}", expected);
        return null;
    }

    private static SourceSpan KeyLine(YamlMapping owner) =>
        owner.Entries.Count > 0 ? owner.Entries[0].Key.Span : owner.Span;

    private string? OptionalText(Dictionary<string, YamlNodeBase> keys, string key, string owner)
    {
        if (!keys.TryGetValue(key, out var node))
        {
            return null;
        }

        if (node is YamlScalar scalar)
        {
            return scalar.IsNull ? null : scalar.Value;
        }

        ReportShape(node, $"'{key}' of {owner}", "text");
        return null;
    }

    private bool ReadBool(Dictionary<string, YamlNodeBase> keys, string key, string owner)
    {
        if (!keys.TryGetValue(key, out var node))
        {
            return false;
        }

        if (node is YamlScalar scalar && scalar.IsPlain)
        {
            switch (scalar.Value)
            {
                case "true":
                case "True":
                case "yes":
                    return true;
                case "false":
                case "False":
                case "no":
                    return false;
            }
        }

        ReportShape(node, $"'{key}' of {owner}", "true or false");
        return false;
    }

    private string ReadChoice(Dictionary<string, YamlNodeBase> keys, string key, string[] choices, string fallback, string owner)
    {
        if (!keys.TryGetValue(key, out var node))
        {
            return fallback;
        }

        if (node is YamlScalar scalar && Array.IndexOf(choices, scalar.Value) >= 0)
        {
            return scalar.Value;
        }

        var value = (node as YamlScalar)?.Value;
        Report(CatalogDiagnostics.NotAChoice, node.Span, key, owner, string.Join(", ", choices), value is null ? "" : $", not '{value}'", fallback);
        return fallback;
    }

    private void ReportShape(YamlNodeBase node, string what, string expected) =>
        Report(CatalogDiagnostics.WrongShape, node.Span, Capitalize(what), expected, node.Shape);
}
