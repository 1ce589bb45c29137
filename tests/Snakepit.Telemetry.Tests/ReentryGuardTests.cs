using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// The recursion guard counts nesting only when a handler is found running: a re-entry on its own thread, or a call
/// running on another. Calls of one handler from many threads at once are not recursion, however they overlap.
/// </summary>
public sealed class ReentryGuardTests : IDisposable
{
    private readonly TelemetryHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public async Task One_handler_called_from_many_threads_at_once_is_never_taken_for_recursion()
    {
        var failures = new FailureRecorder();
        _hub.Attach("failures", failures);
        long calls = 0;
        _hub.Attach<PoolStatus>("shared", (in PoolStatus e) =>
        {
            Interlocked.Increment(ref calls);
            Thread.SpinWait(20);   // long enough that calls of other threads overlap this one
        });
        const int Threads = 4, Emits = 20_000;
        using var start = new Barrier(Threads);

        var emitters = Enumerable.Range(0, Threads).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (var i = 0; i < Emits; i++)
                {
                    _hub.Emit(Events.Status(i));
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(emitters);

        Assert.Empty(failures.Failures);
        Assert.Equal(Threads * Emits, Interlocked.Read(ref calls));
        Assert.Contains(_hub.ListHandlers(), h => h.Id == "shared");
    }

    [Fact]
    public void A_generic_handler_re_entered_through_another_event_is_stopped()
    {
        var failures = new FailureRecorder();
        _hub.Attach("failures", failures);
        var calls = 0;
        _hub.Attach(new TelemetryHandlerBuilder("ping-pong", this).OnEvents(new PingPong(_hub, () => calls++), "snakepit.pool.status", "snakepit.python.call.stop"));

        _hub.Emit(Events.Status());

        var failure = Assert.Single(failures.Failures);
        Assert.Equal("ping-pong", failure.HandlerId);
        Assert.IsType<TelemetryRecursionException>(failure.Exception);
        Assert.Equal(32, calls);
    }

    private sealed class PingPong : ITelemetryHandler
    {
        private readonly TelemetryHub _hub;
        private readonly Action _called;

        public PingPong(TelemetryHub hub, Action called) => (_hub, _called) = (hub, called);

        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent
        {
            _called();
#pragma warning disable SNK009 // On purpose: each event leads to the other.
            if (e.EventName == PoolStatus.Name)
            {
                _hub.Emit(Events.Stop());
            }
            else
            {
                _hub.Emit(Events.Status());
            }
#pragma warning restore SNK009
        }
    }
}
