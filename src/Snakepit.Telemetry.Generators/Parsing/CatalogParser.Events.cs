using System;
using System.Collections.Generic;
using System.Linq;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>One event: its name, description, frequency, stability and fields.</summary>
internal sealed partial class CatalogParser
{
    private EventSpec? ReadEvent(YamlScalar key, YamlNodeBase node, List<FieldSpec> common, Dictionary<string, YamlScalar> eventNodes)
    {
        var name = key.Value;
        if (eventNodes.ContainsKey(name))
        {
            Report(CatalogDiagnostics.DuplicateEvent, key.Span, name);
            return null;
        }

        eventNodes[name] = key;
        var prefix = _catalogName + ".";
        if (_catalogName.Length == 0)
        {
            return null;
        }

        if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.Length == prefix.Length)
        {
            Report(CatalogDiagnostics.EventOutsideCatalog, key.Span, name, prefix);
            return null;
        }

        var segments = name.Substring(prefix.Length).Split('.');
        var bad = segments.FirstOrDefault(s => !Naming.IsValidSegment(s));
        if (bad is not null)
        {
            Report(CatalogDiagnostics.InvalidEventSegment, key.Span, name, bad, SuggestSegment(bad));
            return null;
        }

        var typeName = Naming.ToPascalCase(string.Join(".", segments));
        if (IsTooLong("Event", name, typeName, key.Span))
        {
            return null;
        }

        var what = $"event '{name}'";
        if (node is not YamlMapping body)
        {
            ReportShape(node, what, "a mapping with at least 'description'");
            return null;
        }

        var keys = ReadKeys(body, EventKeys, what);
        var descriptionNode = Require<YamlScalar>(keys, "description", key.Span, what, "one sentence that says what the event reports");
        var description = descriptionNode?.Value ?? "";
        if (descriptionNode is not null && (descriptionNode.IsNull || descriptionNode.Value.Trim().Length == 0))
        {
            Report(CatalogDiagnostics.EmptyDescription, descriptionNode.Span, what);
        }

        var frequency = ReadChoice(keys, "frequency", Frequencies, "medium", what);
        var stability = ReadChoice(keys, "stability", Stabilities, "stable", what);
        string? deprecated = null;
        if (keys.TryGetValue("deprecated", out var deprecatedNode))
        {
            if (deprecatedNode is YamlScalar deprecatedScalar && !deprecatedScalar.IsNull)
            {
                // A plain boolean says whether; any other text is the message (what to use instead).
                deprecated = deprecatedScalar.IsPlain && deprecatedScalar.Value is "false" or "False" or "FALSE" or "no"
                    ? null
                    : deprecatedScalar.IsPlain && deprecatedScalar.Value is "true" or "True" or "TRUE" or "yes"
                        ? $"The event '{name}' is deprecated."
                        : deprecatedScalar.Value;
            }
            else if (deprecatedNode is not YamlScalar)
            {
                ReportShape(deprecatedNode, $"'deprecated' of {what}", "a message that says what to use instead");
            }
        }

        // One collision is reported once: the names that follow from the type name would collide too.
        var typeOk = ClaimType(typeName, key.Span, what) &&
                     ClaimType(EventSpec.HandlerInterfaceNameOf(typeName), key.Span, $"the handler interface of {what}") &&
                     ClaimMember(typeName, key.Span, $"the emitter of {what}") &&
                     ClaimMember(EventSpec.IsEnabledNameOf(typeName), key.Span, $"the IsEnabled property of {what}");

        var fieldNames = new HashSet<string>(common.Select(c => c.Name), StringComparer.Ordinal);
        var measurements = keys.TryGetValue("measurements", out var measurementsNode)
            ? ReadFields(measurementsNode, FieldKind.Measurement, what, typeName, isCommon: false, fieldNames)
            : new List<FieldSpec>();
        var metadata = keys.TryGetValue("metadata", out var metadataNode)
            ? ReadFields(metadataNode, FieldKind.Metadata, what, typeName, isCommon: false, fieldNames)
            : new List<FieldSpec>();

        // Property names of the payload: the event's own fields and the common metadata it carries.
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in measurements.Concat(metadata).Concat(common))
        {
            var fieldSpan = FieldSpan(measurementsNode, metadataNode, field) ?? key.Span;
            if (properties.TryGetValue(field.PropertyName, out var other))
            {
                Report(CatalogDiagnostics.CollidingFields, fieldSpan, other, field.Name, what, field.PropertyName);
                typeOk = false;
            }
            else if (field.PropertyName == typeName)
            {
                Report(CatalogDiagnostics.FieldNamedAsEvent, fieldSpan, field.Name, what, field.PropertyName);
                typeOk = false;
            }
            else if (Array.IndexOf(ReservedPayloadMembers, field.PropertyName) >= 0)
            {
                Report(CatalogDiagnostics.FieldNamedAsMember, fieldSpan, field.Name, what, field.PropertyName);
                typeOk = false;
            }

            properties[field.PropertyName] = field.Name;
        }

        return typeOk
            ? new EventSpec(name, typeName, description, frequency, stability, deprecated, new EquatableArray<FieldSpec>(measurements), new EquatableArray<FieldSpec>(metadata))
            : null;
    }

    private static SourceSpan? FieldSpan(YamlNodeBase? measurements, YamlNodeBase? metadata, FieldSpec field)
    {
        var container = field.Kind == FieldKind.Measurement ? measurements : metadata;
        return (container as YamlMapping)?.Entries.FirstOrDefault(e => e.Key.Value == field.Name).Key?.Span;
    }
}
