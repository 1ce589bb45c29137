using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>Tests that use <see cref="TelemetryHub.Default"/> (where generated emitters deliver) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultHubCollection
{
    public const string Name = "Default hub";
}
