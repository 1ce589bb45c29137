namespace Snakepit.Telemetry.Generators.Model;

/// <summary>The C#-ready description of one catalog: everything the emitter needs, nothing from Roslyn.</summary>
internal sealed record CatalogSpec(
    string CatalogName,
    string Namespace,
    string ClassName,
    string? Description,
    EquatableArray<EnumSpec> Enums,
    EquatableArray<FieldSpec> CommonMetadata,
    EquatableArray<EventSpec> Events,
    EquatableArray<SpanSpec> Spans,
    EquatableArray<MetricSpec> Metrics);
