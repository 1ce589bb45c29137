namespace Snakepit.Telemetry.Shared;

/// <summary>
/// The metadata names of the Snakepit.Telemetry types the generators and analyzers look for, each written once (as
/// System.Text.Json's KnownTypeSymbols names the types it resolves). Rules get the types resolved, once per
/// compilation, from <see cref="TelemetrySymbols"/> (which names the framework types it resolves itself) and compare the
/// symbols, not display strings; the names serve directly only where a name is the API (ForAttributeWithMetadataName).
/// </summary>
internal static class WellKnownTypeNames
{
    public const string TelemetryHub = "Snakepit.Telemetry.TelemetryHub";
    public const string TelemetryHandlerBuilder = "Snakepit.Telemetry.TelemetryHandlerBuilder";
    public const string TelemetryEvent = "Snakepit.Telemetry.ITelemetryEvent";
    public const string TelemetryHandler = "Snakepit.Telemetry.ITelemetryHandler";
    public const string TelemetryHandlerFailure = "Snakepit.Telemetry.TelemetryHandlerFailure";
    public const string TelemetryHandlerAttribute = "Snakepit.Telemetry.TelemetryHandlerAttribute";
    public const string OnEventAttribute = "Snakepit.Telemetry.OnEventAttribute";
    public const string HandlerInterfaceAttribute = "Snakepit.Telemetry.TelemetryHandlerInterfaceAttribute";
    public const string EventNameAttribute = "Snakepit.Telemetry.EventNameAttribute";
    public const string CatalogAttribute = "Snakepit.Telemetry.TelemetryCatalogAttribute";
    public const string EmitterAttribute = "Snakepit.Telemetry.TelemetryEmitterAttribute";
    public const string HighCardinalityAttribute = "Snakepit.Telemetry.HighCardinalityAttribute";
}
