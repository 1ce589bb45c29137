using Microsoft.Extensions.Configuration;

namespace Snakepit.Telemetry.Hosting;

/// <summary>The <c>Snakepit:Telemetry</c> section given to <see cref="TelemetryServiceCollectionExtensions.AddTelemetryConfiguration"/>.</summary>
internal sealed class TelemetryConfigurationSource
{
    public TelemetryConfigurationSource(IConfiguration section) => Section = section;

    public IConfiguration Section { get; }
}
