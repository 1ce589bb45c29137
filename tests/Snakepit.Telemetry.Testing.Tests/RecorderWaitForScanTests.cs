using System;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Testing.Tests;

/// <summary>WaitFor's scan of the recorded events against events offered meanwhile.</summary>
[Collection(RecorderLifetimeCollection.Name)]
public sealed class RecorderWaitForScanTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Stress: "an earlier recorded event that matches wins". The scan marks the end of scanning under the waiter's gate
    /// and completes the task after leaving it; an event offered on another thread that takes the gate in between sees
    /// scanning over and completes the task first, with the later event. Here event 1 is recorded before each WaitFor,
    /// and another thread emits matching events 2 during the scan: the result must always be event 1.
    /// </summary>
    [Fact]
    public async Task A_matching_event_recorded_before_WaitFor_wins_over_one_offered_during_its_scan()
    {
        using var recorder = TelemetryRecorder.Start();
        using var go = new SemaphoreSlim(0);
        using var burstDone = new SemaphoreSlim(0);
        var stop = 0;
        var emitter = new Thread(() =>
        {
            while (go.Wait(Limit) && Volatile.Read(ref stop) == 0)
            {
                for (var i = 0; i < 50; i++)
                {
                    SnakepitEvents.PoolStatus(1, 1, 2, 2, "scan-race");
                }

                burstDone.Release();
            }
        });
        emitter.Start();

        try
        {
            for (var round = 0; round < 20_000; round++)
            {
                recorder.Clear();
                SnakepitEvents.PoolStatus(1, 1, 1, 2, "scan-race");
                go.Release();
                var found = await recorder.WaitFor<PoolStatus>(e => e.QueueDepth >= 1, Limit);
                Assert.True(found.QueueDepth == 1, $"round {round}: WaitFor returned event #{found.QueueDepth}, offered after the scan began, over event #1 recorded before it");

                // This round's events 2 are all emitted before the next round clears the recorder and records its event 1.
                Assert.True(await burstDone.WaitAsync(Limit));
            }
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            go.Release();
            Assert.True(emitter.Join(Limit));
        }
    }

    /// <summary>
    /// A predicate that emits the very event type it waits for, each time it is called, recursed through the shared
    /// observer until the hub's dispatch depth limit; the overflow is charged to the innermost handler, the observer,
    /// which was detached: every recorder of the process went deaf (here a global bystander, even after the careless
    /// recorder is disposed). Now that WaitFor fails, and nothing else.
    /// </summary>
    [Fact]
    public async Task A_predicate_that_emits_its_own_event_type_fails_its_WaitFor_without_cutting_off_other_recorders()
    {
        using var bystander = TelemetryRecorder.StartGlobal();
        var careless = TelemetryRecorder.Start();
        var waiting = careless.WaitFor<PoolStatus>(e =>
        {
            SnakepitEvents.PoolStatus(0, 0, 0, 0, "echo");
            return false;
        }, Limit);

        SnakepitEvents.PoolStatus(0, 0, 0, 0, "first");
        careless.Dispose();
        SnakepitEvents.PoolStatus(0, 0, 0, 0, "after");

        Assert.Contains(bystander.All<PoolStatus>(), e => e.PoolName == "after");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => waiting);
        Assert.Contains("emitted events it is offered itself", failure.Message);
    }
}
