using System;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>Whether the calling thread's guards were restored: a handler that emits what it handles nests 20 deep.</summary>
internal static class NestingProbe
{
    public static void AssertThreadNestsEmits()
    {
        using var probe = new TelemetryHub();
        var deepest = 0L;
        probe.Attach<PoolStatus>("nesting", (in PoolStatus e) =>
        {
            deepest = Math.Max(deepest, e.QueueDepth);
            if (e.QueueDepth < 20)
            {
#pragma warning disable SNK009 // On purpose: the depth the thread allows is the property.
                probe.Emit(Events.Status(e.QueueDepth + 1));
#pragma warning restore SNK009
            }
        });
        probe.Emit(Events.Status(0));
        Assert.Equal(20, deepest);
    }
}
