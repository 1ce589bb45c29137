using System;
using System.Collections.Generic;
using System.Linq;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Generators.Parsing;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators.Evolution;

/// <summary>
/// Compares a catalog with its shipped baseline and reports every breaking change (SNK109) at its place in the
/// current catalog. Breaking: an event removed (unless the baseline deprecates it), a field removed, moved between
/// measurements and metadata, or of another type, a field's optionality changed, a required field added, an enum
/// value removed, a metric removed or of another kind, unit or event, a metric tag removed, the catalog's name or
/// namespace changed. Additions and documentation changes are not. An event the baseline deprecates may change or go,
/// with its metrics.
/// </summary>
internal sealed class CatalogComparer
{
    private readonly CatalogSpec _baseline;
    private readonly CatalogSpec _current;
    private readonly CatalogLocator _at;
    private readonly CatalogLocator _was;
    private readonly string _path;
    private readonly string _baselineName;
    private readonly List<DiagnosticInfo> _found = new();
    private readonly HashSet<string> _comparedEnums = new(StringComparer.Ordinal);

    private CatalogComparer(CatalogSpec baseline, CatalogSpec current, CatalogLocator at, CatalogLocator was, string path, string baselineName)
    {
        _baseline = baseline;
        _current = current;
        _at = at;
        _was = was;
        _path = path;
        _baselineName = baselineName;
    }

    /// <summary>
    /// The breaking changes of <paramref name="current"/> (read from <paramref name="path"/>, located by
    /// <paramref name="at"/>) against <paramref name="baseline"/> (whose enums' catalog names <paramref name="was"/> gives).
    /// </summary>
    public static List<DiagnosticInfo> Compare(CatalogSpec baseline, CatalogSpec current, CatalogLocator at, CatalogLocator was, string path, string baselineName)
    {
        var comparer = new CatalogComparer(baseline, current, at, was, path, baselineName);
        comparer.CompareCatalog();
        return comparer._found;
    }

    private void CompareCatalog()
    {
        if (_baseline.Namespace != _current.Namespace)
        {
            Report(
                _at.Namespace,
                $"the namespace changed to '{_current.Namespace}'",
                $"'namespace: {_baseline.Namespace}'",
                "Code that uses the generated types breaks.");
        }

        if (_baseline.CatalogName != _current.CatalogName)
        {
            // Every event and metric name starts with the catalog's name: one report says it all.
            Report(
                _at.Catalog,
                $"the catalog's name changed to '{_current.CatalogName}'",
                $"'catalog: {_baseline.CatalogName}'",
                "Every event and metric name changes with it, so every handler, dashboard and alert breaks.");
            return;
        }

        CompareFields(null, _baseline.CommonMetadata, _current.CommonMetadata, "the common metadata");

        var current = _current.Events.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var deprecated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var before in _baseline.Events)
        {
            if (before.Deprecated is not null)
            {
                deprecated.Add(before.Name);
                continue;
            }

            if (!current.TryGetValue(before.Name, out var after))
            {
                Report(
                    _at.Section("events"),
                    $"event '{before.Name}' was removed",
                    "it, not marked 'deprecated'",
                    "Handlers, emitters, workers, dashboards and alerts that use it break. To retire an event, first release it with 'deprecated: <what to use instead>', then remove it.");
                continue;
            }

            CompareFields(
                after.Name,
                before.Measurements.Concat(before.Metadata).Concat(_baseline.CommonMetadata).ToList(),
                after.Measurements.Concat(after.Metadata).Concat(_current.CommonMetadata).ToList(),
                $"event '{after.Name}'");
        }

        CompareMetrics(deprecated);
    }

    /// <summary>
    /// Compares the fields of the common metadata (<paramref name="eventName"/> null) or of one event. An event's fields
    /// include the common metadata on both sides, so a field moved between the event and the common metadata is no
    /// change; what happens to a field common on both sides is reported once, by the common metadata's comparison.
    /// </summary>
    private void CompareFields(string? eventName, IReadOnlyList<FieldSpec> before, IReadOnlyList<FieldSpec> after, string owner)
    {
        var forEvent = eventName is not null;
        var now = after.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var old in before)
        {
            now.TryGetValue(old.Name, out var field);
            if (forEvent && old.IsCommon && (field is null || field.IsCommon))
            {
                continue;
            }

            if (field is null)
            {
                if (!forEvent && InEverySurvivingEvent(old.Name, _current))
                {
                    // Moved from the common metadata into every event: each event's comparison checks its field.
                    continue;
                }

                Report(
                    eventName is null ? _at.Section("common_metadata") : _at.EventSection(eventName, old.Kind),
                    $"{KindOf(old)} '{old.Name}' of {owner} was removed",
                    Describe(old, eventName),
                    "Handlers that read it and workers that send it break.");
                continue;
            }

            if (old.Kind != field.Kind)
            {
                Report(
                    _at.Field(eventName, field),
                    $"field '{field.Name}' of {owner} moved from {Section(old)} to {Section(field)}",
                    Describe(old, eventName),
                    "Handlers that read it and workers that send it break.");
                continue;
            }

            if (old.Type != field.Type || old.EnumTypeName != field.EnumTypeName)
            {
                Report(
                    _at.FieldType(eventName, field),
                    $"{KindOf(field)} '{field.Name}' of {owner} changed type to {TypeOf(field, _at, eventName)}",
                    Describe(old, eventName),
                    "Code that reads or writes it and workers that send it break.");
                continue;
            }

            if (UnitOf(old) != UnitOf(field) && UnitOf(old) is not null && UnitOf(field) is not null)
            {
                Report(
                    _at.FieldUnit(eventName, field),
                    $"{KindOf(field)} '{field.Name}' of {owner} changed unit to '{UnitOf(field)}'",
                    $"unit '{UnitOf(old)}'",
                    field.Type == FieldType.Duration
                        ? "Workers report it in the unit the catalog declares, so every value they send is read wrongly."
                        : "Every value changes meaning under the same name, and the dashboards and alerts on it break.");
            }

            if (old.Optional != field.Optional)
            {
                Report(
                    _at.FieldOptional(eventName, field),
                    $"{KindOf(field)} '{field.Name}' of {owner} is now {(field.Optional ? "optional" : "required")}",
                    Describe(old, eventName),
                    field.Optional
                        ? "Handlers that read it as always present break: its C# type becomes nullable."
                        : "Emit calls and workers that leave it out break.");
            }

            if (field.Type == FieldType.Enum && field.EnumTypeName is { } enumType && _comparedEnums.Add(enumType))
            {
                CompareEnum(eventName, field, enumType);
            }
        }

        foreach (var field in after)
        {
            if (!field.Optional && !(forEvent && field.IsCommon) && !before.Any(f => f.Name == field.Name) &&
                !(!forEvent && InEverySurvivingEvent(field.Name, _baseline)))
            {
                Report(
                    _at.Field(eventName, field),
                    $"required {KindOf(field)} '{field.Name}' was added to {owner}",
                    eventName is null ? "events without it" : "the event without it",
                    eventName is null
                        ? "Producers that do not set it (workers, other services) break; declare it 'optional: true' to add it compatibly."
                        : "Emit calls and workers that do not send it break; declare it 'optional: true' to add it compatibly.");
            }
        }
    }

    /// <summary>
    /// Whether every event of the baseline that is not deprecated and still in the catalog declares a field
    /// <paramref name="name"/> of its own in <paramref name="side"/>: a common field moved into the events, or back.
    /// </summary>
    private bool InEverySurvivingEvent(string name, CatalogSpec side)
    {
        var events = side.Events.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var surviving = new HashSet<string>(_current.Events.Select(e => e.Name), StringComparer.Ordinal);
        foreach (var before in _baseline.Events)
        {
            if (before.Deprecated is not null || !surviving.Contains(before.Name))
            {
                continue;
            }

            var spec = events[before.Name];
            if (!spec.Measurements.Concat(spec.Metadata).Any(f => f.Name == name))
            {
                return false;
            }
        }

        return true;
    }

    private void CompareEnum(string? eventName, FieldSpec field, string enumType)
    {
        var before = _baseline.Enums.FirstOrDefault(e => e.TypeName == enumType);
        var after = _current.Enums.FirstOrDefault(e => e.TypeName == enumType);
        if (before is null || after is null)
        {
            return;
        }

        var values = new HashSet<string>(after.Members.Select(m => m.Value), StringComparer.Ordinal);
        var removed = before.Members.Where(m => !values.Contains(m.Value)).Select(m => m.Value).ToList();
        if (removed.Count == 0)
        {
            CompareEnumOrder(eventName, field, enumType, before, after);
            return;
        }

        SourceSpan place;
        string name;
        if (_at.IsInlineEnum(eventName, field))
        {
            place = _at.FieldValues(eventName, field);
            name = $"the values of field '{field.Name}'";
        }
        else
        {
            var named = _at.NamedEnum(enumType);
            place = named.Span;
            name = $"enum '{named.Name}'";
        }

        foreach (var value in removed)
        {
            Report(
                place,
                $"value '{value}' was removed from {name}",
                "[" + string.Join(", ", before.Members.Select(m => m.Value)) + "]",
                $"Code that uses {enumType}.{Naming.ToPascalCase(value)}, workers that send '{value}' and queries that filter by it break.");
        }
    }

    /// <summary>
    /// A C# enum numbers its members in the catalog's order: a value inserted before existing ones, or values
    /// reordered, change the numbers that compiled code and stored values hold. Reported once, at the first value
    /// whose position changed.
    /// </summary>
    private void CompareEnumOrder(string? eventName, FieldSpec field, string enumType, EnumSpec before, EnumSpec after)
    {
        var positions = after.Members.Select(m => m.Value).ToList();
        for (var i = 0; i < before.Members.Count; i++)
        {
            var value = before.Members[i].Value;
            var now = positions.IndexOf(value);
            if (now == i)
            {
                continue;
            }

            var name = _at.IsInlineEnum(eventName, field) ? $"the values of field '{field.Name}'" : $"enum '{_at.NamedEnum(enumType).Name}'";
            Report(
                _at.EnumValue(eventName, field, enumType, value),
                $"value '{value}' of {name} moved from position {i + 1} to {now + 1}",
                "[" + string.Join(", ", before.Members.Select(m => m.Value)) + "]",
                $"C# numbers enum members in order, so {enumType}.{Naming.ToPascalCase(value)} changes its number, and assemblies compiled against the old one and stored numbers read another value. Add new values at the end.");
            return;
        }
    }

    private void CompareMetrics(HashSet<string> deprecatedEvents)
    {
        var current = _current.Metrics.ToDictionary(m => m.Name, StringComparer.Ordinal);
        foreach (var old in _baseline.Metrics)
        {
            if (deprecatedEvents.Contains(old.EventName))
            {
                continue;
            }

            if (!current.TryGetValue(old.Name, out var metric))
            {
                Report(
                    _at.Section("metrics"),
                    $"metric '{old.Name}' was removed",
                    $"it ({Describe(old)})",
                    "Dashboards and alerts that query it break.");
                continue;
            }

            if (old.Kind != metric.Kind)
            {
                Report(
                    _at.MetricValue(metric.Name, "kind"),
                    $"metric '{metric.Name}' changed kind to '{KindName(metric.Kind)}'",
                    $"kind '{KindName(old.Kind)}'",
                    "Its instrument changes type in every exporter, and the queries on it break.");
            }

            if (old.Unit != metric.Unit)
            {
                Report(
                    _at.MetricValue(metric.Name, "unit"),
                    $"metric '{metric.Name}' changed unit to {Quoted(metric.Unit)}",
                    $"unit {Quoted(old.Unit)}",
                    "Its exported name and values change, and the dashboards and alerts on them break.");
            }

            if (old.EventName != metric.EventName)
            {
                Report(
                    _at.MetricValue(metric.Name, "event"),
                    $"metric '{metric.Name}' now records event '{metric.EventName}'",
                    $"it recording event '{old.EventName}'",
                    "Its series change meaning under the same name, and the dashboards and alerts on them break.");
            }

            if (old.Measurement != metric.Measurement && old.Kind == metric.Kind)
            {
                Report(
                    _at.MetricValue(metric.Name, "measurement"),
                    $"metric '{metric.Name}' now records measurement '{metric.Measurement}'",
                    $"it recording measurement '{old.Measurement}'",
                    "Its series change meaning under the same name, and the dashboards and alerts on them break.");
            }

            foreach (var tag in old.Tags.Where(t => !metric.Tags.Contains(t)))
            {
                Report(
                    _at.MetricKey(metric.Name, "tags"),
                    $"tag '{tag}' was removed from metric '{metric.Name}'",
                    "tags [" + string.Join(", ", old.Tags) + "]",
                    "Queries that group or filter by it break.");
            }
        }
    }

    private void Report(SourceSpan span, string change, string baselineHad, string impact) =>
        _found.Add(new DiagnosticInfo(CatalogDiagnostics.BreakingChange, _path, span, change, _baselineName, baselineHad, impact));

    private static string KindOf(FieldSpec field) => field.Kind == FieldKind.Measurement ? "measurement" : "metadata field";

    private static string Section(FieldSpec field) => field.IsCommon ? "common_metadata" : field.Kind == FieldKind.Measurement ? "measurements" : "metadata";

    /// <summary>A field's type as the catalog writes it: <c>'int64'</c>, <c>enum 'payment_method'</c>, or an inline enum.</summary>
    private static string TypeOf(FieldSpec field, CatalogLocator tree, string? eventName)
    {
        if (field.Type != FieldType.Enum)
        {
            return "'" + field.Type.ToString().ToLowerInvariant() + "'";
        }

        return tree.IsInlineEnum(eventName, field) ? $"an inline enum ({field.EnumTypeName})" : $"enum '{tree.NamedEnum(field.EnumTypeName!).Name}'";
    }

    /// <summary>The unit values are in: a duration without one is in nanoseconds (how workers report it).</summary>
    private static string? UnitOf(FieldSpec field) => field.Unit ?? (field.Type == FieldType.Duration ? "ns" : null);

    private string Describe(FieldSpec old, string? eventName) =>
        $"{KindOf(old)} '{old.Name}' of type {TypeOf(old, _was, eventName)}{(old.Optional ? ", optional" : ", required")}";

    private static string Describe(MetricSpec metric) =>
        $"{KindName(metric.Kind)} of event '{metric.EventName}'" + (metric.Measurement is null ? "" : $" measurement '{metric.Measurement}'");

    private static string KindName(MetricKind kind) => CatalogParser.MetricKinds[(int)kind];

    private static string Quoted(string? unit) => unit is null ? "none" : "'" + unit + "'";
}
