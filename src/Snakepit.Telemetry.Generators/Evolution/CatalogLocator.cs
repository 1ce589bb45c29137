using System;
using System.Linq;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Generators.Parsing;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators.Evolution;

/// <summary>
/// Finds the place of a catalog element in the YAML tree of the current catalog, so a breaking change is reported at
/// the node that changed; for something removed, at the key of the nearest surviving parent (the <c>events:</c> key
/// for a removed event, the <c>measurements:</c> key or the event's key for a removed field). The catalog was parsed
/// without errors before this is asked, so every element the spec holds is in the tree.
/// </summary>
internal sealed class CatalogLocator
{
    private readonly string _text;

    private YamlMapping? _tree;

    private CatalogLocator(string text) => _text = text;

    /// <summary>
    /// The locator of <paramref name="text"/>. The text is read into a YAML tree on the first question only: a catalog
    /// that breaks nothing is never read a second time.
    /// </summary>
    public static CatalogLocator For(string text) => new(text);

    private YamlMapping Root => _tree ??= YamlTreeReader.Read(_text).Root as YamlMapping ?? new YamlMapping(new(), default);

    /// <summary>The value of <c>catalog:</c>: where catalog-wide changes are reported.</summary>
    public SourceSpan Catalog => Value(Root, "catalog")?.Span ?? Root.Span;

    /// <summary>The value of <c>namespace:</c>.</summary>
    public SourceSpan Namespace => Value(Root, "namespace")?.Span ?? Catalog;

    /// <summary>The key of a top-level section (<c>events</c>, <c>metrics</c>, <c>common_metadata</c>), or the catalog's name when it is gone.</summary>
    public SourceSpan Section(string section) => Key(Root, section)?.Span ?? Catalog;

    /// <summary>The key of an event.</summary>
    public SourceSpan Event(string eventName) => Key(Value(Root, "events"), eventName)?.Span ?? Section("events");

    /// <summary>The key of an event's <c>measurements:</c> or <c>metadata:</c>, or the event's key when the section is gone.</summary>
    public SourceSpan EventSection(string eventName, FieldKind kind) =>
        Key(EventBody(eventName), SectionName(kind, isCommon: false))?.Span ?? Event(eventName);

    /// <summary>The key of a field (an event's own, or common metadata when <paramref name="field"/> is common).</summary>
    public SourceSpan Field(string? eventName, FieldSpec field) =>
        FieldEntry(eventName, field) is { } entry ? entry.Key.Span : Parent(eventName, field);

    /// <summary>The type of a field: the shorthand value (<c>total: double</c>) or the value of <c>type:</c>.</summary>
    public SourceSpan FieldType(string? eventName, FieldSpec field) => FieldPart(eventName, field, "type", value: true);

    /// <summary>The value of a field's <c>optional:</c>, or the field's key when it does not say.</summary>
    public SourceSpan FieldOptional(string? eventName, FieldSpec field) => FieldPart(eventName, field, "optional", value: true);

    /// <summary>The value of a field's <c>unit:</c>, or the field's key when it does not say.</summary>
    public SourceSpan FieldUnit(string? eventName, FieldSpec field) => FieldPart(eventName, field, "unit", value: true);

    /// <summary>The key of an inline enum's <c>values:</c>, or the field's key.</summary>
    public SourceSpan FieldValues(string? eventName, FieldSpec field) => FieldPart(eventName, field, "values", value: false);

    /// <summary>Whether the field's enum is declared inline (<c>type: enum</c>) rather than named under <c>enums:</c>.</summary>
    public bool IsInlineEnum(string? eventName, FieldSpec field) =>
        FieldEntry(eventName, field)?.Value is YamlMapping mapping && Value(mapping, "type") is YamlScalar { Value: "enum" };

    /// <summary>The key of the named enum whose C# type is <paramref name="typeName"/>, and its catalog name.</summary>
    public (SourceSpan Span, string Name) NamedEnum(string typeName)
    {
        var key = (Value(Root, "enums") as YamlMapping)?.Entries.FirstOrDefault(e => Naming.ToPascalCase(e.Key.Value) == typeName).Key;
        return key is null ? (Section("enums"), typeName) : (key.Span, key.Value);
    }

    /// <summary>A value of the field's enum (inline, or named under <c>enums:</c>), or the key that holds the list.</summary>
    public SourceSpan EnumValue(string? eventName, FieldSpec field, string enumType, string value)
    {
        YamlNodeBase? list;
        SourceSpan fallback;
        if (IsInlineEnum(eventName, field))
        {
            list = Value(FieldEntry(eventName, field)?.Value, "values");
            fallback = FieldValues(eventName, field);
        }
        else
        {
            var key = (Value(Root, "enums") as YamlMapping)?.Entries.FirstOrDefault(e => Naming.ToPascalCase(e.Key.Value) == enumType);
            list = key?.Value;
            fallback = NamedEnum(enumType).Span;
        }

        return (list as YamlSequence)?.Items.OfType<YamlScalar>().FirstOrDefault(item => item.Value == value)?.Span ?? fallback;
    }

    /// <summary>The value of a metric's <paramref name="key"/> (<c>kind</c>, <c>unit</c>, <c>event</c>), or its name when the key is not written.</summary>
    public SourceSpan MetricValue(string metricName, string key)
    {
        var metric = Metric(metricName);
        return (Value(metric, key) ?? Value(metric, "name"))?.Span ?? Section("metrics");
    }

    /// <summary>The key of a metric's <paramref name="key"/> (<c>tags</c>), or its name when the key is not written.</summary>
    public SourceSpan MetricKey(string metricName, string key)
    {
        var metric = Metric(metricName);
        return Key(metric, key)?.Span ?? Value(metric, "name")?.Span ?? Section("metrics");
    }

    private SourceSpan FieldPart(string? eventName, FieldSpec field, string key, bool value)
    {
        var entry = FieldEntry(eventName, field);
        if (entry is null)
        {
            return Parent(eventName, field);
        }

        if (entry.Value.Value is YamlScalar shorthand)
        {
            return key == "type" ? shorthand.Span : entry.Value.Key.Span;
        }

        var mapping = entry.Value.Value as YamlMapping;
        var found = value ? Value(mapping, key) : Key(mapping, key);
        return found?.Span ?? entry.Value.Key.Span;
    }

    private SourceSpan Parent(string? eventName, FieldSpec field) =>
        field.IsCommon || eventName is null ? Section("common_metadata") : EventSection(eventName, field.Kind);

    private System.Collections.Generic.KeyValuePair<YamlScalar, YamlNodeBase>? FieldEntry(string? eventName, FieldSpec field)
    {
        var section = field.IsCommon || eventName is null
            ? Value(Root, "common_metadata")
            : Value(EventBody(eventName), SectionName(field.Kind, isCommon: false));
        if (section is not YamlMapping mapping)
        {
            return null;
        }

        foreach (var entry in mapping.Entries)
        {
            if (entry.Key.Value == field.Name)
            {
                return entry;
            }
        }

        return null;
    }

    private YamlMapping? EventBody(string eventName) => Value(Value(Root, "events"), eventName) as YamlMapping;

    private YamlMapping? Metric(string metricName) =>
        (Value(Root, "metrics") as YamlSequence)?.Items
            .OfType<YamlMapping>()
            .FirstOrDefault(m => Value(m, "name") is YamlScalar name && name.Value == metricName);

    private static string SectionName(FieldKind kind, bool isCommon) =>
        isCommon ? "common_metadata" : kind == FieldKind.Measurement ? "measurements" : "metadata";

    private static YamlScalar? Key(YamlNodeBase? node, string key) =>
        node is YamlMapping mapping ? mapping.Entries.FirstOrDefault(e => e.Key.Value == key).Key : null;

    private static YamlNodeBase? Value(YamlNodeBase? node, string key)
    {
        if (node is not YamlMapping mapping)
        {
            return null;
        }

        foreach (var entry in mapping.Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }
}
