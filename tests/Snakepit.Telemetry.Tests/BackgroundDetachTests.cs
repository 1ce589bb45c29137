using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>Detaching a background handler: Detach stops it at once and counts what was queued; DetachAsync drains first.</summary>
public sealed class BackgroundDetachTests : IDisposable
{
    private readonly TelemetryHub _hub = new();
    private readonly Gate _gate = new();
    private readonly ConcurrentQueue<long> _handled = new();
    private readonly ManualResetEventSlim _firstDone = new(false);

    public void Dispose()
    {
        _gate.Release();
        _hub.Dispose();
        _gate.Dispose();
        _firstDone.Dispose();
    }

    /// <summary>Attaches a background handler that holds the worker on the event with depth 0, emits it and ten more.</summary>
    private TelemetryHandlerInfo AttachHeldWithTenQueued(string id)
    {
        _hub.Attach(new TelemetryHandlerBuilder(id, this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PoolStatus>((in PoolStatus e) =>
            {
                if (e.QueueDepth == 0)
                {
                    _gate.Pass();
                }

                _handled.Enqueue(e.QueueDepth);
                if (e.QueueDepth == 0)
                {
                    _firstDone.Set();
                }
            }));
        var info = _hub.ListHandlers().Single(h => h.Id == id);
        _hub.Emit(Events.Status(0));
        _gate.WaitEntered();
        for (var i = 1; i <= 10; i++)
        {
            _hub.Emit(Events.Status(i));
        }

        return info;
    }

    [Fact]
    public async Task Detach_waits_for_the_call_in_progress_and_nothing_is_handled_after_it_returns()
    {
        var info = AttachHeldWithTenQueued("held");

        var detached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var detacher = new Thread(() => detached.SetResult(_hub.Detach("held")));
        detacher.Start();

        // Detach takes the handler out (and stops its worker) at once, then waits for the call in progress.
        Assert.True(SpinWait.SpinUntil(() => _hub.ListHandlers().Count == 0, TimeSpan.FromSeconds(30)));
        Assert.NotSame(detached.Task, await Task.WhenAny(detached.Task, Task.Delay(200)));
        _gate.Release();
        Assert.True(await detached.Task);

        // Detach returned after the call in progress ended: the handler saw event 0, and the ten queued ones are
        // counted as dropped, never delivered.
        Assert.Equal(new long[] { 0 }, _handled);
        Assert.Equal(10, info.DroppedEvents);
        _hub.Emit(Events.Status(99));
        Assert.Equal(new long[] { 0 }, _handled);
        Assert.Empty(_hub.ListHandlers());
    }

    [Fact]
    public void Detach_from_inside_the_handler_returns_and_the_call_finishes()
    {
        var calls = 0;
        using var done = new ManualResetEventSlim(false);
        _hub.Attach(new TelemetryHandlerBuilder("self-detaching", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PoolStatus>((in PoolStatus e) =>
            {
                Interlocked.Increment(ref calls);
                Assert.True(_hub.Detach("self-detaching"));
                _handled.Enqueue(e.QueueDepth);
                done.Set();
            }));
        var info = _hub.ListHandlers().Single();

        _hub.Emit(Events.Status(1));
        _hub.Emit(Events.Status(2));

        // The handler's own handshake: its call detached it and then went on to the end.
        Assert.True(done.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(new long[] { 1 }, _handled);
        Assert.Equal(1, Volatile.Read(ref calls));
        Assert.Empty(_hub.ListHandlers());
        Assert.True(info.DroppedEvents <= 1);
    }

    [Fact]
    public async Task DetachAsync_lets_the_handler_finish_what_is_queued()
    {
        var info = AttachHeldWithTenQueued("draining");

        var detach = _hub.DetachAsync("draining", TimeSpan.FromSeconds(30));

        // Detached at once: new events no longer reach it, queued ones still do.
        Assert.Empty(_hub.ListHandlers());
        _hub.Emit(Events.Status(99));
        _gate.Release();
        Assert.True(await detach);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i), _handled);
        Assert.Equal(0, info.DroppedEvents);
    }

    [Fact]
    public async Task DetachAsync_bounded_by_its_timeout_drops_and_counts_the_rest()
    {
        var info = AttachHeldWithTenQueued("stuck");

        Assert.True(await _hub.DetachAsync("stuck", TimeSpan.FromMilliseconds(50)));

        // The call in progress when the timeout expired finishes; nothing queued behind it is handled.
        _gate.Release();
        Assert.True(_firstDone.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(10, info.DroppedEvents);
        Assert.Equal(new long[] { 0 }, _handled);
    }

    [Fact]
    public async Task Dispose_stops_a_handler_that_DetachAsync_is_still_draining()
    {
        var info = AttachHeldWithTenQueued("draining-disposed");
        var detach = _hub.DetachAsync("draining-disposed", TimeSpan.FromMinutes(5));

        var disposed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var disposer = new Thread(() =>
        {
            _hub.Dispose();
            disposed.SetResult(true);
        });
        disposer.Start();

        // Dispose waits for the call in progress, then nothing queued is handled.
        Assert.NotSame(disposed.Task, await Task.WhenAny(disposed.Task, Task.Delay(200)));
        _gate.Release();
        await disposed.Task;
        Assert.True(await detach);
        Assert.Equal(new long[] { 0 }, _handled);
        Assert.Equal(10, info.DroppedEvents);
    }

    [Fact]
    public async Task DetachAsync_of_an_inline_or_unknown_handler()
    {
        _hub.Attach<PoolStatus>("inline", (in PoolStatus e) => { });
        Assert.True(await _hub.DetachAsync("inline", TimeSpan.FromSeconds(1)));
        Assert.False(await _hub.DetachAsync("inline", TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _hub.DetachAsync("inline", TimeSpan.FromSeconds(-2)));
    }

    [Fact]
    public async Task DetachAll_stops_every_handler()
    {
        var info = AttachHeldWithTenQueued("held-all");
        _hub.Attach<PythonCallStop>("inline", (in PythonCallStop e) => { });

        var detach = Task.Run(() => _hub.DetachAll());
        _gate.Release();
        Assert.Equal(2, await detach);
        Assert.Empty(_hub.ListHandlers());
        Assert.Equal(10 - (_handled.Count - 1), info.DroppedEvents);
    }
}
