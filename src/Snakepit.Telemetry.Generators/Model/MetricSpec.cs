namespace Snakepit.Telemetry.Generators.Model;

/// <summary>
/// One metric of the catalog's <c>metrics:</c> section, checked against its event: the instrument's name, kind, unit
/// and description, the event and measurement it records, and the metadata fields it tags by.
/// </summary>
/// <param name="Name">The instrument's name, exactly as the catalog writes it.</param>
/// <param name="Measurement">The measurement's field name; null for a counter.</param>
/// <param name="Unit">The unit recorded (for durations one of s, ms, us, ns), or null.</param>
/// <param name="Tags">Field names of the event's metadata or the common metadata, in the catalog's order.</param>
/// <param name="Buckets">Explicit bucket boundaries (distribution only), strictly increasing.</param>
internal sealed record MetricSpec(
    string Name,
    MetricKind Kind,
    string EventName,
    string? Measurement,
    string? Unit,
    string Description,
    EquatableArray<string> Tags,
    EquatableArray<double> Buckets);
