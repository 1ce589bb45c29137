using System.ComponentModel;

namespace Snakepit.Telemetry;

/// <summary>
/// Binds the generated handler interfaces of one catalog that <paramref name="handler"/> implements to
/// <paramref name="builder"/>, with plain type tests (no reflection). Generated for every catalog and registered with
/// <see cref="TelemetryCatalogs.Register"/>.
/// Supports generated code; not meant to be used directly.
/// </summary>
/// <param name="handler">The object given to <see cref="TelemetryHub.Attach(string, object)"/>.</param>
/// <param name="builder">Where each implemented interface is bound with <see cref="TelemetryHandlerBuilder.On{TEvent}"/>.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void TelemetryInterfaceBinder(object handler, TelemetryHandlerBuilder builder);
