using System;
using System.Collections.Generic;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>Named and inline enums.</summary>
internal sealed partial class CatalogParser
{
    private void ReadNamedEnums(YamlNodeBase node)
    {
        if (node is not YamlMapping mapping)
        {
            ReportShape(node, "'enums'", "a mapping of enum names to lists of values, e.g. 'error_category: [timeout, python_error]'");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            var name = entry.Key.Value;
            if (!seen.Add(name))
            {
                Report(CatalogDiagnostics.DuplicateEnum, entry.Key.Span, name);
                continue;
            }

            if (!Naming.IsValidSegment(name))
            {
                Report(CatalogDiagnostics.InvalidEnumName, entry.Key.Span, name);
                continue;
            }

            var typeName = Naming.ToPascalCase(name);
            var spec = ReadEnumValues(entry.Value, typeName, $"enum '{name}'", null);
            if (spec is not null && ClaimType(typeName, entry.Key.Span, $"enum '{name}'"))
            {
                _namedEnums[name] = spec;
                _enums.Add(spec);
            }
        }
    }

    private EnumSpec? ReadEnumValues(YamlNodeBase node, string typeName, string what, string? description)
    {
        if (node is not YamlSequence sequence || sequence.Items.Count == 0)
        {
            ReportShape(node, what, "a non-empty list of values, e.g. [request, response]");
            return null;
        }

        var members = new List<EnumMemberSpec>();
        var memberNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var item in sequence.Items)
        {
            if (item is not YamlScalar scalar || scalar.IsNull)
            {
                ReportShape(item, $"a value of {what}", "a lowercase name such as 'python_error'");
                ok = false;
                continue;
            }

            var value = scalar.Value;
            if (!Naming.IsValidSegment(value))
            {
                Report(CatalogDiagnostics.InvalidEnumValue, scalar.Span, value, what);
                ok = false;
                continue;
            }

            var memberName = Naming.ToPascalCase(value);
            if (memberNames.TryGetValue(memberName, out var other))
            {
                if (other == value)
                {
                    Report(CatalogDiagnostics.DuplicateEnumValue, scalar.Span, value, what);
                }
                else
                {
                    Report(CatalogDiagnostics.CollidingEnumValues, scalar.Span, other, value, what, memberName);
                }

                ok = false;
                continue;
            }

            if (memberName == typeName)
            {
                Report(CatalogDiagnostics.EnumValueNamedAsEnum, scalar.Span, value, what, memberName);
                ok = false;
                continue;
            }

            memberNames[memberName] = value;
            members.Add(new EnumMemberSpec(value, memberName));
        }

        return ok ? new EnumSpec(typeName, description, new EquatableArray<EnumMemberSpec>(members)) : null;
    }
}
