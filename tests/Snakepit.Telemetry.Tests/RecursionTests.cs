using System;
using System.Threading;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

// These handlers emit what they handle on purpose: the runtime's answer to it is what is tested.
#pragma warning disable SNK009

/// <summary>A handler that emits what it handles is a handler failure, not a stack overflow or a spinning worker.</summary>
public sealed class RecursionTests : IDisposable
{
    private readonly TelemetryHub _hub = new();
    private readonly FailureRecorder _failures = new();

    public RecursionTests() => _hub.Attach("failures", _failures);

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void Inline_handler_that_emits_its_own_event_is_detached_and_reported()
    {
        var calls = 0;
        _hub.Attach<PoolStatus>("echo", (in PoolStatus e) =>
        {
            Interlocked.Increment(ref calls);
            _hub.Emit(Events.Status(e.QueueDepth + 1));
        });

        _hub.Emit(Events.Status(0));

        var failure = Assert.Single(_failures.Failures);
        Assert.Equal("echo", failure.HandlerId);
        var recursion = Assert.IsType<TelemetryRecursionException>(failure.Exception);
        Assert.Equal("echo", recursion.HandlerId);
        Assert.Equal(PoolStatus.Name, recursion.EventName);
        Assert.Equal(32, calls);
        Assert.DoesNotContain(_hub.ListHandlers(), h => h.Id == "echo");

        // The process lives, and the hub still works.
        _hub.Emit(Events.Status(0));
        Assert.Equal(32, calls);
    }

    [Fact]
    public void Two_inline_handlers_feeding_each_other_are_stopped()
    {
        _hub.Attach<PoolStatus>("ping", (in PoolStatus e) => _hub.Emit(Events.Stop()));
        _hub.Attach<PythonCallStop>("pong", (in PythonCallStop e) => _hub.Emit(Events.Status()));

        _hub.Emit(Events.Status());

        var failure = Assert.Single(_failures.Failures);
        Assert.IsType<TelemetryRecursionException>(failure.Exception);
        Assert.Contains(failure.HandlerId, new[] { "ping", "pong" });
        Assert.Equal(2, _hub.ListHandlers().Count);
    }

    [Fact]
    public void Nesting_below_the_limit_is_allowed()
    {
        var deepest = 0L;
        _hub.Attach<PoolStatus>("countdown", (in PoolStatus e) =>
        {
            deepest = Math.Max(deepest, e.QueueDepth);
            if (e.QueueDepth < 20)
            {
                _hub.Emit(Events.Status(e.QueueDepth + 1));
            }
        });

        _hub.Emit(Events.Status(0));

        Assert.Equal(20, deepest);
        Assert.Empty(_failures.Failures);
    }

    [Fact]
    public void Background_handler_that_re_enters_its_own_queue_without_end_is_detached_and_reported()
    {
        var calls = 0;
        _hub.Attach(new TelemetryHandlerBuilder("bg-echo", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PoolStatus>((in PoolStatus e) =>
            {
                Interlocked.Increment(ref calls);
                _hub.Emit(Events.Status(e.QueueDepth + 1));
            }));

        _hub.Emit(Events.Status(0));

        var failure = Assert.Single(_failures.WaitFor(1));
        Assert.Equal("bg-echo", failure.HandlerId);
        Assert.IsType<TelemetryRecursionException>(failure.Exception);
        Assert.Equal(32, Volatile.Read(ref calls));
        Assert.DoesNotContain(_hub.ListHandlers(), h => h.Id == "bg-echo");
    }

    [Fact]
    public void Background_handler_emitting_an_event_it_handles_once_is_fine()
    {
        using var done = new ManualResetEventSlim(false);
        _hub.Attach(new TelemetryHandlerBuilder("bg-once", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PoolStatus>((in PoolStatus e) => _hub.Emit(Events.Stop()))
            .On<PythonCallStop>((in PythonCallStop e) => done.Set()));

        _hub.Emit(Events.Status());

        Assert.True(done.Wait(TimeSpan.FromSeconds(30)));
        Assert.Empty(_failures.Failures);
    }
}
