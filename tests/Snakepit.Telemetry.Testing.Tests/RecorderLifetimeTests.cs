using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Testing.Tests;

/// <summary>Runs alone (no other test's recorder alive): with no recorder left, nothing of the kit stays attached.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RecorderLifetimeCollection
{
    public const string Name = "Recorder lifetime";
}

[Collection(RecorderLifetimeCollection.Name)]
public sealed class RecorderLifetimeTests
{
    [Fact]
    public void Emitters_are_disabled_again_once_the_last_recorder_is_disposed()
    {
        Assert.False(SnakepitEvents.IsPoolStatusEnabled);
        using (TelemetryRecorder.Start())
        {
            Assert.True(SnakepitEvents.IsPoolStatusEnabled);
            using (TelemetryRecorder.StartGlobal())
            {
                Assert.True(SnakepitEvents.IsPoolStatusEnabled);
            }

            Assert.True(SnakepitEvents.IsPoolStatusEnabled);
        }

        Assert.False(SnakepitEvents.IsPoolStatusEnabled);
    }
}
