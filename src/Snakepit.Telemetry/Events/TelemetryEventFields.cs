namespace Snakepit.Telemetry;

/// <summary>
/// Reads the fields of any event in a generic handler, without boxing and without a copy of the payload per field:
/// <code>
/// public void Handle&lt;TEvent&gt;(in TEvent e) where TEvent : struct, ITelemetryEvent
/// {
///     foreach (var field in e.Measurements()) { ... field.Name, field.Value ... }
///     foreach (var field in e.Metadata()) { ... }
/// }
/// </code>
/// </summary>
/// <remarks>
/// <c>e.GetMeasurement(i)</c> on an <c>in TEvent</c> parameter works too, but the compiler copies the whole payload for
/// every call (it cannot know that a type parameter is a readonly struct); these lists copy it once per loop.
/// </remarks>
public static class TelemetryEventFields
{
    /// <summary>The event's measurements, in catalog order.</summary>
    public static TelemetryFieldList<TEvent> Measurements<TEvent>(this TEvent e)
        where TEvent : struct, ITelemetryEvent => new(in e, metadata: false);

    /// <summary>The event's metadata, its own then the catalog's common metadata, in catalog order.</summary>
    public static TelemetryFieldList<TEvent> Metadata<TEvent>(this TEvent e)
        where TEvent : struct, ITelemetryEvent => new(in e, metadata: true);
}
