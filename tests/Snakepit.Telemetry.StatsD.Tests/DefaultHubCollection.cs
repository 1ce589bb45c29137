using Xunit;

namespace Snakepit.Telemetry.StatsD.Tests;

/// <summary>Tests that use <see cref="TelemetryHub.Default"/> (where failures are reported and emitters deliver) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultHubCollection
{
    public const string Name = "Default hub";
}
