using Xunit;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>Tests that emit through or listen on <see cref="TelemetryHub.Default"/> and Snakepit's Meter run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultHubCollection
{
    public const string Name = "Default hub";
}
