using System;
using System.Collections.Generic;
using System.Threading;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>Generated emitters and handlers of the default hub: attach, detach and common metadata (process-wide state, so one at a time).</summary>
[Collection(DefaultHubCollection.Name)]
public sealed class GeneratedEmitterTests : IDisposable
{
    private readonly List<string> _ids = new();

    [Fact]
    public void Emitter_delivers_typed_events_and_IsEnabled_follows_attach_and_detach()
    {
        Assert.False(SnakepitEvents.IsPoolStatusEnabled);
        var handler = new RecordingHandler();
        Attach("status-recorder", handler);
        Assert.True(SnakepitEvents.IsPoolStatusEnabled);

        SnakepitEvents.PoolStatus(availableWorkers: 2, busyWorkers: 8, queueDepth: 60, totalWorkers: 10, poolName: "gpu");

        Assert.Equal(new[] { "status gpu 60" }, handler.Seen);
        TelemetryHub.Default.Detach("status-recorder");
        Assert.False(SnakepitEvents.IsPoolStatusEnabled);
    }

    [Fact]
    public void Common_metadata_node_defaults_to_the_machine_name_and_can_be_set()
    {
        var nodes = new List<string>();
        Attach<PoolStatus>("nodes", (in PoolStatus e) => nodes.Add(e.Node));
        var original = SnakepitEvents.CommonMetadata.Node;
        Assert.Equal(Environment.MachineName, original);
        try
        {
            SnakepitEvents.PoolStatus(1, 1, 1, 2, "default");
            SnakepitEvents.CommonMetadata.Node = "node-7";
            SnakepitEvents.PoolStatus(1, 1, 1, 2, "default");
        }
        finally
        {
            SnakepitEvents.CommonMetadata.Node = original;
        }

        Assert.Equal(new[] { Environment.MachineName, "node-7" }, nodes);
        Assert.Throws<ArgumentNullException>(() => SnakepitEvents.CommonMetadata.Node = null!);
    }

    [Fact]
    public void A_handler_that_re_enters_its_emitter_has_every_call_counted()
    {
        var depth = 0;
        var calls = 0;
        Attach<PoolStatus>("re-entering", (in PoolStatus e) =>
        {
            calls++;
            if (++depth < 3)
            {
                // The outer call took the single-handler fast path; these nested ones take the guarded path.
                SnakepitEvents.PoolStatus(1, 1, 1, 2, "nested");
            }

            depth--;
        });

        SnakepitEvents.PoolStatus(1, 1, 1, 2, "outer");
        SnakepitEvents.PoolStatus(1, 1, 1, 2, "outer");

        Assert.Equal(6, calls);
        var info = Assert.Single(TelemetryHub.Default.ListHandlers(), h => h.Id == "re-entering");
        Assert.Equal(6, info.ReceivedEvents);
        Assert.Equal(0, info.Failures);
    }

    private void Attach(string id, object handler)
    {
        TelemetryHub.Default.Attach(id, handler);
        _ids.Add(id);
    }

    private void Attach<TEvent>(string id, TelemetryCallback<TEvent> callback)
        where TEvent : struct, ITelemetryEvent
    {
        TelemetryHub.Default.Attach(id, callback);
        _ids.Add(id);
    }

    public void Dispose()
    {
        foreach (var id in _ids)
        {
            TelemetryHub.Default.Detach(id);
        }
    }
}
