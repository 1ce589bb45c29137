using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>
/// Turns the text of a catalog (events.yaml) into a <see cref="CatalogSpec"/>, checking the format as it goes.
/// Every problem becomes a <see cref="DiagnosticInfo"/> at the YAML node that causes it; the parser never throws
/// on bad input, and a catalog with any error gives no spec (so no broken code is generated).
/// </summary>
internal sealed class CatalogParser
{
    private static readonly string[] RootKeys = { "catalog", "namespace", "description", "enums", "common_metadata", "events", "metrics" };
    private static readonly string[] EventKeys = { "description", "frequency", "stability", "deprecated", "measurements", "metadata" };
    private static readonly string[] FieldKeys = { "type", "unit", "optional", "description", "values", "cardinality" };
    private static readonly string[] Cardinalities = { "low", "high" };
    private static readonly string[] Frequencies = { "high", "medium", "low" };
    private static readonly string[] Stabilities = { "stable", "experimental" };
    private static readonly string[] MeasurementTypes = { "int64", "double", "duration", "timestamp" };
    private static readonly string[] MetadataTypes = { "string", "bool", "int64", "double", "enum" };

    /// <summary>Member names a payload struct already has: a field mapping to one of them would not compile.</summary>
    private static readonly string[] ReservedPayloadMembers = { "Name", "ToString", "Equals", "GetHashCode", "GetType" };

    private static readonly Dictionary<string, string> TypeHints = new(StringComparer.Ordinal)
    {
        ["int"] = "int64",
        ["integer"] = "int64",
        ["long"] = "int64",
        ["int32"] = "int64",
        ["float"] = "double",
        ["number"] = "double",
        ["decimal"] = "double",
        ["str"] = "string",
        ["text"] = "string",
        ["boolean"] = "bool",
        ["native"] = "duration",
        ["timespan"] = "duration",
        ["system_time"] = "timestamp",
        ["datetime"] = "timestamp",
    };

    private readonly string _path;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<string, EnumSpec> _namedEnums = new(StringComparer.Ordinal);
    private readonly List<EnumSpec> _enums = new();

    /// <summary>Every C# type name the catalog generates, with where it came from, to find collisions.</summary>
    private readonly Dictionary<string, string> _typeNames = new(StringComparer.Ordinal);

    /// <summary>Every member of the generated static events class, with where it came from.</summary>
    private readonly Dictionary<string, string> _classMembers = new(StringComparer.Ordinal);

    private string _catalogName = "";
    private string _className = "";

    private CatalogParser(string path, CancellationToken cancellationToken)
    {
        _path = path;
        _cancellationToken = cancellationToken;
    }

    public static CatalogParseResult Parse(string path, string text, CancellationToken cancellationToken = default)
    {
        var parser = new CatalogParser(path, cancellationToken);
        try
        {
            return parser.ParseText(text);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A bug of ours must never become CS8785 in a user's build: report it where it can be seen.
            parser.Report(CatalogDiagnostics.ReadFailure, default, ex.GetType().Name, ex.Message);
            return new CatalogParseResult(path, null, default, null, new EquatableArray<DiagnosticInfo>(parser._diagnostics));
        }
    }

    private CatalogParseResult ParseText(string text)
    {
        var tree = YamlTreeReader.Read(text);
        if (tree.Error is not null)
        {
            Report(CatalogDiagnostics.SyntaxError, tree.ErrorSpan, tree.Error.TrimEnd('.'));
            return Result(null, default, null);
        }

        if (tree.Root is not YamlMapping root)
        {
            Report(CatalogDiagnostics.NotAMapping, tree.Root?.Span ?? default, tree.Root?.Shape ?? "nothing");
            return Result(null, default, null);
        }

        var keys = ReadKeys(root, RootKeys, "the catalog");

        var catalogNode = Require<YamlScalar>(keys, "catalog", KeyLine(root), "the catalog", "the catalog's lowercase name, e.g. 'catalog: myapp'");
        var catalogSpan = catalogNode?.Span ?? root.Span;
        if (catalogNode is not null)
        {
            _catalogName = catalogNode.Value;
            if (!Naming.IsValidSegment(_catalogName))
            {
                Report(CatalogDiagnostics.InvalidCatalogName, catalogNode.Span, _catalogName);
                _catalogName = "";
            }
        }

        var namespaceNode = Require<YamlScalar>(keys, "namespace", KeyLine(root), "the catalog", "the C# namespace of the generated code, e.g. 'namespace: MyApp.Telemetry'");
        var ns = namespaceNode?.Value ?? "";
        if (namespaceNode is not null && !Naming.IsValidNamespace(ns))
        {
            Report(CatalogDiagnostics.InvalidNamespace, namespaceNode.Span, ns);
        }

        var description = OptionalText(keys, "description", "the catalog");

        if (_catalogName.Length > 0)
        {
            _className = Naming.ToPascalCase(_catalogName) + "Events";
            ClaimType(_className, catalogSpan, $"the events class of catalog '{_catalogName}'");
            _classMembers[_className] = "the class name itself";
            _classMembers["CommonMetadata"] = "the common metadata settings";
            _classMembers["ToCatalogValue"] = "the enum-to-catalog-value helpers";
        }

        if (keys.TryGetValue("enums", out var enumsNode))
        {
            ReadNamedEnums(enumsNode);
        }

        var common = new List<FieldSpec>();
        if (keys.TryGetValue("common_metadata", out var commonNode))
        {
            common = ReadFields(commonNode, FieldKind.Metadata, "common metadata", Naming.ToPascalCase(_catalogName), isCommon: true, new HashSet<string>(StringComparer.Ordinal));
        }

        var events = new List<EventSpec>();
        var eventNodes = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
        var eventsNode = Require<YamlMapping>(keys, "events", KeyLine(root), "the catalog", "a mapping of event names to their declarations");
        if (eventsNode is not null)
        {
            foreach (var entry in eventsNode.Entries)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var spec = ReadEvent(entry.Key, entry.Value, common, eventNodes);
                if (spec is not null)
                {
                    events.Add(spec);
                }
            }
        }

        var spans = ReadSpans(eventNodes);

        if (keys.TryGetValue("metrics", out var metricsNode))
        {
            CheckMetricTags(metricsNode, events, common);
        }

        if (_diagnostics.Any(d => d.Descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error) || _catalogName.Length == 0)
        {
            return Result(_catalogName.Length > 0 ? _catalogName : null, catalogSpan, null);
        }

        var catalog = new CatalogSpec(
            _catalogName,
            ns,
            _className,
            description,
            new EquatableArray<EnumSpec>(_enums),
            new EquatableArray<FieldSpec>(common),
            new EquatableArray<EventSpec>(events),
            new EquatableArray<SpanSpec>(spans));
        return Result(_catalogName, catalogSpan, catalog);
    }

    private CatalogParseResult Result(string? catalogName, SourceSpan catalogSpan, CatalogSpec? spec) =>
        new(_path, catalogName, catalogSpan, spec, new EquatableArray<DiagnosticInfo>(_diagnostics));

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
        var what = $"event '{name}'";
        if (node is not YamlMapping body)
        {
            ReportShape(node, what, "a mapping with at least 'description'");
            return null;
        }

        var keys = ReadKeys(body, EventKeys, what);
        var descriptionNode = Require<YamlScalar>(keys, "description", key.Span, what, "one sentence that says what the event reports");
        var description = descriptionNode?.Value ?? "";
        if (descriptionNode is not null && descriptionNode.IsNull)
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
                deprecated = deprecatedScalar.Value is "true" or "yes" ? $"The event '{name}' is deprecated." : deprecatedScalar.Value;
            }
            else if (deprecatedNode is not YamlScalar)
            {
                ReportShape(deprecatedNode, $"'deprecated' of {what}", "a message that says what to use instead");
            }
        }

        // One collision is reported once: the names that follow from the type name would collide too.
        var typeOk = ClaimType(typeName, key.Span, what) &&
                     ClaimType("I" + typeName + "Handler", key.Span, $"the handler interface of {what}") &&
                     ClaimMember(typeName, key.Span, $"the emitter of {what}") &&
                     ClaimMember("Is" + typeName + "Enabled", key.Span, $"the IsEnabled property of {what}");

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

            var pascal = Naming.ToPascalCase(spanName.Substring(_catalogName.Length + 1));
            var typeName = pascal + "Span";
            if (ClaimType(typeName, pair.Value.Span, $"the span type of '{spanName}'") &&
                ClaimMember("Start" + pascal, pair.Value.Span, $"the span start of '{spanName}'"))
            {
                spans.Add(new SpanSpec(spanName, typeName, name, stop, exception));
            }
        }

        return spans;
    }

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

    private bool ClaimType(string typeName, SourceSpan span, string what)
    {
        if (_typeNames.TryGetValue(typeName, out var other))
        {
            Report(CatalogDiagnostics.CollidingType, span, Capitalize(what), typeName, other);
            return false;
        }

        _typeNames[typeName] = what;
        return true;
    }

    private bool ClaimMember(string memberName, SourceSpan span, string what)
    {
        if (_className.Length == 0)
        {
            return true;
        }

        if (_classMembers.TryGetValue(memberName, out var other))
        {
            Report(CatalogDiagnostics.CollidingMember, span, Capitalize(what), _className + "." + memberName, other);
            return false;
        }

        _classMembers[memberName] = what;
        return true;
    }

    private void ReportShape(YamlNodeBase node, string what, string expected) =>
        Report(CatalogDiagnostics.WrongShape, node.Span, Capitalize(what), expected, node.Shape);

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, SourceSpan span, params string[] args) =>
        _diagnostics.Add(new DiagnosticInfo(descriptor, _path, span, args));

    private static string DidYouMean(string? hint) => hint is null ? "" : $" (did you mean '{hint}'?)";

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static string SuggestSegment(string segment)
    {
        var chars = segment.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray();
        var suggestion = new string(chars).Trim('_');
        return suggestion.Length > 0 && char.IsLetter(suggestion[0]) ? suggestion : "x" + suggestion;
    }
}
