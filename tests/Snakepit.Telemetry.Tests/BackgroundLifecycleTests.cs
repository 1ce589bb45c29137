using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// The edges of a background handler's life: timeouts as users write them, waiting for what a failed call leads to,
/// stops from other workers, and memory given back after a burst.
/// </summary>
public sealed class BackgroundLifecycleTests : IDisposable
{
    private readonly TelemetryHub _hub = new();
    private readonly Gate _gate = new();

    public void Dispose()
    {
        _gate.Release();
        _hub.Dispose();
        _gate.Dispose();
    }

    private void AttachBackground(string id, TelemetryCallback<PoolStatus> callback, int capacity = TelemetryHandlerBuilder.DefaultQueueCapacity) =>
        _hub.Attach(new TelemetryHandlerBuilder(id, this).WithDispatch(TelemetryDispatchMode.Background, capacity).On(callback));

    [Theory]
    [InlineData("max")]
    [InlineData("infinite")]
    [InlineData("days")]
    public async Task DetachAsync_with_a_timeout_of_any_length_drains_and_stops_the_worker(string length)
    {
        var timeout = length switch
        {
            "max" => TimeSpan.MaxValue,
            "infinite" => Timeout.InfiniteTimeSpan,
            _ => TimeSpan.FromDays(100),
        };
        var handled = 0;
        AttachBackground("drained", (in PoolStatus e) => Interlocked.Increment(ref handled));
        for (var i = 0; i < 10; i++)
        {
            _hub.Emit(Events.Status(i));
        }

        Assert.True(await _hub.DetachAsync("drained", timeout));

        Assert.Equal(10, Volatile.Read(ref handled));
        Assert.Empty(_hub.ListHandlers());
    }

    [Fact]
    public async Task DetachAsync_refuses_a_negative_timeout_before_detaching_anything()
    {
        AttachBackground("kept", (in PoolStatus e) => { });

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _hub.DetachAsync("kept", TimeSpan.FromSeconds(-1)));

        Assert.Contains(_hub.ListHandlers(), h => h.Id == "kept");
    }

    [Fact]
    public async Task After_DetachAsync_of_any_timeout_Dispose_of_the_hub_stops_the_worker()
    {
        AttachBackground("held", (in PoolStatus e) => _gate.Pass());
        _hub.Emit(Events.Status());
        _gate.WaitEntered();
        var worker = Dispatch.RuntimeProbe.WorkerThreadOf(_hub, "held");

        var draining = _hub.DetachAsync("held", TimeSpan.MaxValue);
        Assert.False(draining.IsFaulted, draining.Exception?.ToString());

        _gate.Release();
        _hub.Dispose();

        Assert.True(worker.Join(TimeSpan.FromSeconds(30)), "the worker still runs after Dispose");
        Assert.True(await draining.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void WaitForBackgroundHandler_returns_only_after_the_failure_handlers_of_a_failed_call_ran()
    {
        using var failureGate = new Gate();
        var failureHandled = 0;
        _hub.Attach<TelemetryHandlerFailure>("slow-failures", (in TelemetryHandlerFailure e) =>
        {
            failureGate.Pass();
            Volatile.Write(ref failureHandled, 1);
        });
        AttachBackground("fails", (in PoolStatus e) => throw new InvalidOperationException("boom"));

        _hub.Emit(Events.Status());
        failureGate.WaitEntered();

        // The handler is detached by now, and its failure handler is still running on its worker.
        Assert.DoesNotContain(_hub.ListHandlers(), h => h.Id == "fails");
        Assert.False(_hub.WaitForBackgroundHandler("fails", TimeSpan.FromMilliseconds(50)));

        failureGate.Release();
        Assert.True(_hub.WaitForBackgroundHandler("fails", TimeSpan.FromSeconds(30)));
        Assert.Equal(1, Volatile.Read(ref failureHandled));
    }

    [Fact]
    public void WaitForBackgroundHandler_takes_timeouts_of_any_length()
    {
        AttachBackground("quick", (in PoolStatus e) => { });
        _hub.Emit(Events.Status());

        Assert.True(_hub.WaitForBackgroundHandler("quick", TimeSpan.MaxValue));
        Assert.True(_hub.WaitForBackgroundHandler("quick", Timeout.InfiniteTimeSpan));
        Assert.Throws<ArgumentOutOfRangeException>(() => _hub.WaitForBackgroundHandler("quick", TimeSpan.FromSeconds(-2)));
    }

    [Fact]
    public void WaitForBackgroundHandler_from_the_handlers_own_call_returns_false_at_once()
    {
        using var done = new ManualResetEventSlim(false);
        bool? idle = null;
        AttachBackground("self-waiting", (in PoolStatus e) =>
        {
            idle = _hub.WaitForBackgroundHandler("self-waiting", Timeout.InfiniteTimeSpan);
            done.Set();
        });

        _hub.Emit(Events.Status());

        Assert.True(done.Wait(TimeSpan.FromSeconds(30)), "the handler waited for itself");
        Assert.False(idle);
    }

    [Fact]
    public void Detach_from_another_background_handler_waits_for_the_call_in_progress()
    {
        var inCall = 0;
        var sawCallRunning = -1;
        AttachBackground("target", (in PoolStatus e) =>
        {
            Volatile.Write(ref inCall, 1);
            _gate.Pass();
            Thread.Sleep(20);   // a call that is still running when the detach arrives, not a synchronisation
            Volatile.Write(ref inCall, 0);
        });
        using var detached = new ManualResetEventSlim(false);
        _hub.Attach(new TelemetryHandlerBuilder("detacher", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PythonCallStop>((in PythonCallStop e) =>
            {
                _gate.Release();
                _hub.Detach("target");
                Volatile.Write(ref sawCallRunning, Volatile.Read(ref inCall));
                detached.Set();
            }));

        _hub.Emit(Events.Status());
        _gate.WaitEntered();
        _hub.Emit(Events.Stop());

        Assert.True(detached.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, Volatile.Read(ref sawCallRunning));
    }

    [Fact]
    public void Two_background_handlers_detaching_each_other_at_once_do_not_deadlock()
    {
        using var bothInside = new Barrier(2);
        using var done = new CountdownEvent(2);
        AttachBackground("a", (in PoolStatus e) =>
        {
            bothInside.SignalAndWait(TimeSpan.FromSeconds(30));
            _hub.Detach("b");
            done.Signal();
        });
        _hub.Attach(new TelemetryHandlerBuilder("b", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PythonCallStop>((in PythonCallStop e) =>
            {
                bothInside.SignalAndWait(TimeSpan.FromSeconds(30));
                _hub.Detach("a");
                done.Signal();
            }));

        _hub.Emit(Events.Status());
        _hub.Emit(Events.Stop());

        Assert.True(done.Wait(TimeSpan.FromSeconds(30)), "the two workers wait for each other");
    }

    [Fact]
    public void An_idle_worker_gives_back_the_memory_a_burst_grew()
    {
        const int Burst = 1_000_000;
        var handled = 0L;
        AttachBackground("burst", (in PoolStatus e) =>
        {
            if (e.QueueDepth == -1)
            {
                _gate.Pass();
            }

            Interlocked.Increment(ref handled);
        }, capacity: TelemetryHandlerBuilder.MaxQueueCapacity);

        // A first event and a drain: the queues exist and their small steady-state storage is counted in the baseline.
        _hub.Emit(Events.Status(1));
        Assert.True(_hub.WaitForBackgroundHandler("burst", TimeSpan.FromSeconds(30)));
        var before = GC.GetTotalMemory(forceFullCollection: true);

        _hub.Emit(Events.Status(-1));
        _gate.WaitEntered();
        for (var i = 0; i < Burst; i++)
        {
            _hub.Emit(Events.Status(i));
        }

        var during = GC.GetTotalMemory(forceFullCollection: true);
        _gate.Release();

        // The first idle moment after the drain replaces the grown storage; the next drops the old one.
        Assert.True(_hub.WaitForBackgroundHandler("burst", TimeSpan.FromSeconds(60)));
        Assert.True(_hub.WaitForBackgroundHandler("burst", TimeSpan.FromSeconds(60)));
        var after = GC.GetTotalMemory(forceFullCollection: true);

        Assert.Equal(Burst + 2, Interlocked.Read(ref handled));
        Assert.True(during - before > 32L << 20, $"the burst held only {(during - before) >> 20} MiB: the test does not burst");
        Assert.True(after - before < 4L << 20, $"{(after - before) >> 20} MiB still held after the drain ({(during - before) >> 20} MiB during the burst)");
        Assert.Equal(0, _hub.ListHandlers().Single(h => h.Id == "burst").DroppedEvents);
        Assert.Equal(1, _hub.WorkerOf("burst")!.StorageReleases);
    }

    [Fact]
    public void A_backlog_within_the_retained_size_keeps_its_storage()
    {
        var held = 0;
        AttachBackground("steady", (in PoolStatus e) =>
        {
            if (e.QueueDepth == 0 && Interlocked.Exchange(ref held, 1) == 0)
            {
                _gate.Pass();
            }
        });
        var worker = _hub.WorkerOf("steady")!;

        // A backlog of 1,000 behind a held call, then more events, each time drained to idle: the storage a backlog
        // within the retained size grew is the steady state's, and stays.
        _hub.Emit(Events.Status(0));
        _gate.WaitEntered();
        for (var round = 0; round < 5; round++)
        {
            for (var i = 1; i <= 1000; i++)
            {
                _hub.Emit(Events.Status(i));
            }

            _gate.Release();
            Assert.True(_hub.WaitForBackgroundHandler("steady", TimeSpan.FromSeconds(30)));
            Assert.True(_hub.WaitForBackgroundHandler("steady", TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(0, worker.StorageReleases);
    }
}
