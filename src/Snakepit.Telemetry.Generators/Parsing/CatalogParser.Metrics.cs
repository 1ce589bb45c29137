using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>
/// The metrics section: each entry checked against its event (SNK108), its tags against high cardinality (SNK107),
/// and its shape (SNK101).
/// </summary>
internal sealed partial class CatalogParser
{
    private const string Expected = "a mapping with 'name', 'kind' and 'description'";

    private List<MetricSpec> ReadMetrics(YamlNodeBase node, List<EventSpec> events, List<FieldSpec> common, Dictionary<string, YamlScalar> eventNodes)
    {
        var metrics = new List<MetricSpec>();
        if (node is YamlScalar { IsNull: true })
        {
            return metrics;
        }

        if (node is not YamlSequence sequence)
        {
            ReportShape(node, "the 'metrics' section", "a list of metric definitions ('- { name: ..., kind: ..., description: ... }')");
            return metrics;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var byName = events.ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var item in sequence.Items)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (item is not YamlMapping entry)
            {
                ReportShape(item, "an entry of 'metrics'", Expected);
                continue;
            }

            var errorsBefore = ErrorCount;
            var metric = ReadMetric(entry, byName, common, eventNodes, names);
            if (metric is not null && ErrorCount == errorsBefore)
            {
                metrics.Add(metric);
            }
        }

        return metrics;
    }

    private int ErrorCount => _diagnostics.Count(d => d.Descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);

    private MetricSpec? ReadMetric(
        YamlMapping entry,
        Dictionary<string, EventSpec> events,
        List<FieldSpec> common,
        Dictionary<string, YamlScalar> eventNodes,
        HashSet<string> names)
    {
        var keys = ReadKeys(entry, MetricKeys, "a metric");
        var nameNode = Require<YamlScalar>(keys, "name", KeyLine(entry), "a metric", "the metric's name, e.g. 'myapp.request.stop.duration'");
        var kindNode = Require<YamlScalar>(keys, "kind", nameNode?.Span ?? KeyLine(entry), "metric" + (nameNode is null ? "" : $" '{nameNode.Value}'"), "one of " + string.Join(", ", MetricKinds));
        var descriptionNode = Require<YamlScalar>(keys, "description", nameNode?.Span ?? KeyLine(entry), "metric" + (nameNode is null ? "" : $" '{nameNode.Value}'"), "what the metric shows, e.g. 'Python call duration'");
        if (nameNode is null || kindNode is null || descriptionNode is null)
        {
            return null;
        }

        var name = nameNode.Value;
        var segments = name.Split('.');
        if (!segments.All(Naming.IsValidSegment))
        {
            Report(CatalogDiagnostics.MetricInvalidName, nameNode.Span, name);
            return null;
        }

        if (!names.Add(name))
        {
            Report(CatalogDiagnostics.MetricDuplicateName, nameNode.Span, name);
            return null;
        }

        var kindIndex = Array.IndexOf(MetricKinds, kindNode.Value);
        if (kindIndex < 0)
        {
            Report(CatalogDiagnostics.MetricUnknownKind, kindNode.Span, kindNode.Value, DidYouMean(Naming.Closest(kindNode.Value, MetricKinds)));
            return null;
        }

        var kind = (MetricKind)kindIndex;
        var spec = ReadMetricEvent(keys, nameNode, events, eventNodes);
        if (spec is null)
        {
            return null;
        }

        var field = ReadMetricMeasurement(keys, nameNode, kind, spec, common);
        if (field is null && kind != MetricKind.Counter)
        {
            return null;
        }

        var unit = ReadMetricUnit(keys, name, kind, field);
        var tags = ReadMetricTags(keys, name, spec, common);
        var buckets = ReadMetricBuckets(keys, kindNode, name, kind, field);
        return new MetricSpec(
            name,
            kind,
            spec.Name,
            field?.Name,
            unit,
            descriptionNode.Value,
            new EquatableArray<string>(tags),
            new EquatableArray<double>(buckets));
    }

    /// <summary>The event a metric records: 'event:', or the name without its last segment.</summary>
    private EventSpec? ReadMetricEvent(Dictionary<string, YamlNodeBase> keys, YamlScalar nameNode, Dictionary<string, EventSpec> events, Dictionary<string, YamlScalar> eventNodes)
    {
        var name = nameNode.Value;
        YamlScalar place;
        string eventName;
        var derived = !keys.TryGetValue("event", out var eventNode);
        if (!derived)
        {
            if (eventNode is not YamlScalar { IsNull: false } scalar)
            {
                ReportShape(eventNode!, $"'event' of metric '{name}'", "an event name of this catalog");
                return null;
            }

            place = scalar;
            eventName = scalar.Value;
        }
        else
        {
            var cut = name.LastIndexOf('.');
            if (cut < 0)
            {
                Report(CatalogDiagnostics.MetricNoEvent, nameNode.Span, name);
                return null;
            }

            place = nameNode;
            eventName = name.Substring(0, cut);
        }

        if (events.TryGetValue(eventName, out var spec))
        {
            return spec;
        }

        if (!eventNodes.ContainsKey(eventName))
        {
            // An event that is declared but had errors of its own is not reported twice.
            Report(
                CatalogDiagnostics.MetricUnknownEvent,
                place.Span,
                name,
                eventName,
                derived ? " (derived from its name)" : "",
                DidYouMean(Naming.Closest(eventName, eventNodes.Keys)));
        }

        return null;
    }

    /// <summary>The measurement a metric records: 'measurement:', or the name's last segment; none for a counter.</summary>
    private FieldSpec? ReadMetricMeasurement(Dictionary<string, YamlNodeBase> keys, YamlScalar nameNode, MetricKind kind, EventSpec spec, List<FieldSpec> common)
    {
        var name = nameNode.Value;
        var derived = !keys.TryGetValue("measurement", out var measurementNode);
        if (kind == MetricKind.Counter)
        {
            if (!derived)
            {
                Report(CatalogDiagnostics.MetricCounterMeasurement, measurementNode!.Span, name, (measurementNode as YamlScalar)?.Value ?? "it");
            }

            return null;
        }

        YamlScalar place;
        if (!derived)
        {
            if (measurementNode is not YamlScalar { IsNull: false } scalar)
            {
                ReportShape(measurementNode!, $"'measurement' of metric '{name}'", "a measurement name of the event");
                return null;
            }

            place = scalar;
        }
        else
        {
            place = nameNode;
        }

        var measurement = derived ? name.Substring(name.LastIndexOf('.') + 1) : place.Value;
        var field = spec.Measurements.FirstOrDefault(f => f.Name == measurement);
        var measurements = spec.Measurements.Select(f => f.Name).ToList();
        if (field is null)
        {
            if (spec.Metadata.Concat(common).Any(f => f.Name == measurement))
            {
                Report(CatalogDiagnostics.MetricMetadataAsMeasurement, place.Span, name, measurement, spec.Name, List(measurements));
            }
            else
            {
                Report(
                    CatalogDiagnostics.MetricUnknownMeasurement,
                    place.Span,
                    name,
                    measurement,
                    derived ? " (derived from its name)" : "",
                    spec.Name,
                    DidYouMean(Naming.Closest(measurement, measurements)),
                    List(measurements));
            }

            return null;
        }

        if (field.Type == FieldType.Timestamp)
        {
            Report(CatalogDiagnostics.MetricTimestampMeasurement, place.Span, measurement, spec.Name, name);
            return null;
        }

        return field;
    }

    /// <summary>The unit recorded: for durations s, ms (default), us or ns; otherwise the field's own unit.</summary>
    private string? ReadMetricUnit(Dictionary<string, YamlNodeBase> keys, string name, MetricKind kind, FieldSpec? field)
    {
        string? unit = null;
        YamlNodeBase? unitNode = null;
        if (keys.TryGetValue("unit", out unitNode))
        {
            if (unitNode is not YamlScalar { IsNull: false } scalar)
            {
                ReportShape(unitNode, $"'unit' of metric '{name}'", "a unit, e.g. ms");
                return null;
            }

            unit = scalar.Value;
        }

        if (kind == MetricKind.Counter || field is null)
        {
            return unit;
        }

        if (field.Type == FieldType.Duration)
        {
            if (unit is not null && Array.IndexOf(DurationUnits, unit) < 0)
            {
                Report(CatalogDiagnostics.MetricDurationUnit, unitNode!.Span, unit, field.Name, name);
            }

            return unit ?? "ms";
        }

        if (unit is not null && field.Unit is not null && unit != field.Unit)
        {
            Report(CatalogDiagnostics.MetricFieldUnit, unitNode!.Span, unit, field.Name, name, field.Unit);
        }

        return unit ?? field.Unit;
    }

    private List<string> ReadMetricTags(Dictionary<string, YamlNodeBase> keys, string name, EventSpec spec, List<FieldSpec> common)
    {
        var tags = new List<string>();
        if (!keys.TryGetValue("tags", out var tagsNode) || tagsNode is YamlScalar { IsNull: true })
        {
            return tags;
        }

        if (tagsNode is not YamlSequence sequence)
        {
            ReportShape(tagsNode, $"'tags' of metric '{name}'", "a list of metadata field names, e.g. [node, pool_name]");
            return tags;
        }

        var metadata = spec.Metadata.Concat(common).ToList();
        foreach (var item in sequence.Items)
        {
            if (item is not YamlScalar { IsNull: false } tag)
            {
                ReportShape(item, $"a tag of metric '{name}'", "a metadata field name");
                continue;
            }

            var field = metadata.FirstOrDefault(f => f.Name == tag.Value);
            if (field is null)
            {
                if (spec.Measurements.Any(f => f.Name == tag.Value))
                {
                    Report(CatalogDiagnostics.MetricMeasurementTag, tag.Span, tag.Value, name, spec.Name, List(metadata.Select(f => f.Name)));
                }
                else
                {
                    Report(
                        CatalogDiagnostics.MetricUnknownTag,
                        tag.Span,
                        tag.Value,
                        name,
                        spec.Name,
                        DidYouMean(Naming.Closest(tag.Value, metadata.Select(f => f.Name))),
                        List(metadata.Select(f => f.Name)));
                }

                continue;
            }

            if (tags.Contains(tag.Value))
            {
                Report(CatalogDiagnostics.MetricDuplicateTag, tag.Span, tag.Value, name);
                continue;
            }

            if (field.HighCardinality)
            {
                Report(CatalogDiagnostics.HighCardinalityTag, tag.Span, tag.Value, spec.Name);
            }

            tags.Add(tag.Value);
        }

        return tags;
    }

    private List<double> ReadMetricBuckets(Dictionary<string, YamlNodeBase> keys, YamlScalar kindNode, string name, MetricKind kind, FieldSpec? field)
    {
        var buckets = new List<double>();
        if (!keys.TryGetValue("buckets", out var bucketsNode))
        {
            if (kind == MetricKind.Distribution)
            {
                Report(CatalogDiagnostics.MetricBucketsMissing, kindNode.Span, name);
            }

            return buckets;
        }

        if (kind != MetricKind.Distribution)
        {
            Report(CatalogDiagnostics.MetricBucketsNotDistribution, bucketsNode.Span, name, kindNode.Value);
            return buckets;
        }

        if (bucketsNode is not YamlSequence sequence)
        {
            ReportShape(bucketsNode, $"'buckets' of metric '{name}'", "a list of numbers, e.g. [5, 10, 25]");
            return buckets;
        }

        if (sequence.Items.Count == 0)
        {
            Report(CatalogDiagnostics.MetricBucketsMissing, bucketsNode.Span, name);
            return buckets;
        }

        foreach (var item in sequence.Items)
        {
            if (item is not YamlScalar { IsPlain: true } scalar ||
                !double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ||
                double.IsNaN(value) || double.IsInfinity(value))
            {
                if (item is YamlScalar text)
                {
                    Report(CatalogDiagnostics.BucketNotANumber, text.Span, text.Value, name);
                }
                else
                {
                    ReportShape(item, $"a bucket boundary of metric '{name}'", "a finite number");
                }

                continue;
            }

            if (field is { Type: FieldType.Int64 } && (Math.Floor(value) != value || Math.Abs(value) > 9.0e15))
            {
                Report(CatalogDiagnostics.MetricBucketsNotWhole, scalar.Span, scalar.Value, name, field.Name);
                continue;
            }

            if (buckets.Count > 0 && value <= buckets[buckets.Count - 1])
            {
                Report(CatalogDiagnostics.MetricBucketsNotIncreasing, scalar.Span, scalar.Value, name, buckets[buckets.Count - 1].ToString("R", CultureInfo.InvariantCulture));
                continue;
            }

            buckets.Add(value);
        }

        return buckets;
    }

    private static string List(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
