using System.Collections.Generic;
using System.Linq;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>Measurements and metadata: names, types, units, enums, cardinality.</summary>
internal sealed partial class CatalogParser
{
    private List<FieldSpec> ReadFields(YamlNodeBase node, FieldKind kind, string owner, string ownerTypeName, bool isCommon, HashSet<string> seen)
    {
        var fields = new List<FieldSpec>();
        var section = kind == FieldKind.Measurement ? "measurements" : isCommon ? "common_metadata" : "metadata";
        if (node is YamlScalar { IsNull: true })
        {
            return fields;
        }

        if (node is not YamlMapping mapping)
        {
            ReportShape(node, $"'{section}' of {owner}", "a mapping of field names to types, e.g. 'pool_name: string'");
            return fields;
        }

        foreach (var entry in mapping.Entries)
        {
            var name = entry.Key.Value;
            if (!Naming.IsValidSegment(name))
            {
                Report(CatalogDiagnostics.InvalidFieldName, entry.Key.Span, name, owner, SuggestSegment(name));
                continue;
            }

            if (IsTooLong("Field", name, Naming.ToPascalCase(name), entry.Key.Span))
            {
                continue;
            }

            if (!seen.Add(name))
            {
                Report(CatalogDiagnostics.DuplicateField, entry.Key.Span, name, owner);
                continue;
            }

            var field = ReadField(entry.Key, entry.Value, kind, owner, ownerTypeName, isCommon);
            if (field is not null)
            {
                fields.Add(field);
            }
        }

        return fields;
    }

    private FieldSpec? ReadField(YamlScalar key, YamlNodeBase node, FieldKind kind, string owner, string ownerTypeName, bool isCommon)
    {
        var name = key.Value;
        var what = $"field '{name}' of {owner}";
        YamlScalar? typeNode;
        string? unit = null;
        SourceSpan unitSpan = default;
        string? description = null;
        var optional = false;
        var highCardinality = false;
        YamlNodeBase? valuesNode = null;

        if (node is YamlScalar scalar)
        {
            typeNode = scalar.IsNull ? null : scalar;
            if (typeNode is null)
            {
                Report(CatalogDiagnostics.MissingType, key.Span, what, name);
                return null;
            }
        }
        else if (node is YamlMapping mapping)
        {
            var keys = ReadKeys(mapping, FieldKeys, what);
            typeNode = Require<YamlScalar>(keys, "type", key.Span, what, "one of " + string.Join(", ", kind == FieldKind.Measurement ? MeasurementTypes : MetadataTypes));
            if (typeNode is null)
            {
                return null;
            }

            unit = OptionalText(keys, "unit", what);
            unitSpan = keys.TryGetValue("unit", out var unitNode) ? unitNode.Span : key.Span;
            description = OptionalText(keys, "description", what);
            optional = ReadBool(keys, "optional", what);
            keys.TryGetValue("values", out valuesNode);
            if (keys.TryGetValue("cardinality", out var cardinalityNode))
            {
                if (kind == FieldKind.Measurement)
                {
                    Report(CatalogDiagnostics.CardinalityOnMeasurement, cardinalityNode.Span, what);
                }
                else
                {
                    highCardinality = ReadChoice(keys, "cardinality", Cardinalities, "low", what) == "high";
                }
            }
        }
        else
        {
            ReportShape(node, what, "a type name or a mapping with 'type'");
            return null;
        }

        var typeName = typeNode.Value;
        FieldType type;
        string? enumTypeName = null;
        if (typeName == "enum")
        {
            if (kind == FieldKind.Measurement)
            {
                Report(CatalogDiagnostics.EnumMeasurement, typeNode.Span, name, owner, string.Join(", ", MeasurementTypes));
                return null;
            }

            if (valuesNode is null)
            {
                Report(CatalogDiagnostics.EnumWithoutValues, typeNode.Span, what);
                return null;
            }

            enumTypeName = ownerTypeName + Naming.ToPascalCase(name);
            var spec = ReadEnumValues(valuesNode, enumTypeName, $"inline enum of {what}", description);
            if (spec is null || !ClaimType(enumTypeName, key.Span, $"the inline enum of {what}"))
            {
                return null;
            }

            _enums.Add(spec);
            type = FieldType.Enum;
        }
        else
        {
            if (valuesNode is not null)
            {
                Report(CatalogDiagnostics.ValuesWithoutEnum, valuesNode.Span, what);
                return null;
            }

            if (!TryResolveType(typeNode, kind, owner, name, out type, out enumTypeName))
            {
                return null;
            }
        }

        if (type == FieldType.Duration && unit is not null && System.Array.IndexOf(DurationUnits, unit) < 0)
        {
            Report(CatalogDiagnostics.DurationUnit, unitSpan, unit, what);
            return null;
        }

        return new FieldSpec(
            name,
            Naming.ToPascalCase(name),
            Naming.ToParameterName(name),
            kind,
            type,
            enumTypeName,
            unit,
            optional,
            description,
            isCommon,
            highCardinality);
    }

    private bool TryResolveType(YamlScalar typeNode, FieldKind kind, string owner, string name, out FieldType type, out string? enumTypeName)
    {
        enumTypeName = null;
        type = default;
        var value = typeNode.Value;
        var known = value switch
        {
            "int64" => FieldType.Int64,
            "double" => FieldType.Double,
            "duration" => FieldType.Duration,
            "timestamp" => FieldType.Timestamp,
            "string" => FieldType.String,
            "bool" => FieldType.Bool,
            _ => (FieldType?)null,
        };

        if (kind == FieldKind.Measurement)
        {
            if (known is FieldType.Int64 or FieldType.Double or FieldType.Duration or FieldType.Timestamp)
            {
                type = known.Value;
                return true;
            }

            if (known is not null || _namedEnums.ContainsKey(value))
            {
                Report(CatalogDiagnostics.NonNumericMeasurement, typeNode.Span, name, owner, value, string.Join(", ", MeasurementTypes));
                return false;
            }

            ReportUnknownType(typeNode, owner, name, MeasurementTypes);
            return false;
        }

        if (known is FieldType.String or FieldType.Bool or FieldType.Int64 or FieldType.Double)
        {
            type = known.Value;
            return true;
        }

        if (_namedEnums.TryGetValue(value, out var enumSpec))
        {
            type = FieldType.Enum;
            enumTypeName = enumSpec.TypeName;
            return true;
        }

        if (known is not null)
        {
            Report(CatalogDiagnostics.NumericMetadata, typeNode.Span, name, owner, value, string.Join(", ", MetadataTypes));
            return false;
        }

        ReportUnknownType(typeNode, owner, name, MetadataTypes.Where(t => t != "enum").Concat(_namedEnums.Keys));
        return false;
    }

    private void ReportUnknownType(YamlScalar typeNode, string owner, string name, IEnumerable<string> allowed)
    {
        var list = allowed.ToList();
        var hint = TypeHints.TryGetValue(typeNode.Value, out var mapped) && list.Contains(mapped)
            ? mapped
            : Naming.Closest(typeNode.Value, list);
        Report(CatalogDiagnostics.UnknownType, typeNode.Span, typeNode.Value, name, owner, string.Join(", ", list), DidYouMean(hint));
    }
}
