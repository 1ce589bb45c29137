using System;
using System.Linq;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>The :telemetry rule: a failing handler is detached and reported, and nobody else notices.</summary>
public class FailureIsolationTests
{
    private readonly TelemetryHub _hub = new();

    [Fact]
    public void Throwing_handler_never_reaches_the_emitter_or_the_other_handlers()
    {
        var before = new CountingHandler();
        var thrower = new ThrowingHandler();
        var after = new CountingHandler();
        _hub.Attach("before", before);
        _hub.Attach("thrower", thrower);
        _hub.Attach("after", after);

        var exception = Record.Exception(() => _hub.Emit(Events.Stop()));

        Assert.Null(exception);
        Assert.Equal(1, before.Count);
        Assert.Equal(1, after.Count);
        Assert.Equal(1, thrower.Calls);
    }

    [Fact]
    public void Throwing_handler_is_detached_and_reported_as_telemetry_handler_failure()
    {
        var failures = new FailureRecorder();
        var thrower = new ThrowingHandler();
        _hub.Attach("failures", failures);
        _hub.Attach("thrower", thrower);

        _hub.Emit(Events.Stop());
        _hub.Emit(Events.Stop());

        Assert.Equal(1, thrower.Calls);
        Assert.DoesNotContain(_hub.ListHandlers(), h => h.Id == "thrower");
        var failure = Assert.Single(failures.Failures);
        Assert.Equal("thrower", failure.HandlerId);
        Assert.Equal("snakepit.python.call.stop", failure.FailedEventName);
        Assert.IsType<InvalidOperationException>(failure.Exception);
        Assert.Equal("boom", failure.Exception.Message);

        ITelemetryEvent asEvent = failure;
        Assert.Equal(TelemetryHandlerFailure.Name, asEvent.EventName);
        Assert.Equal("telemetry.handler.failure", asEvent.EventName);
        Assert.Equal("thrower", asEvent.GetMetadata(0).Value.AsString());
    }

    [Fact]
    public void Failing_generic_handler_is_detached_from_every_event()
    {
        var failures = new FailureRecorder();
        _hub.Attach("failures", failures);
        _hub.Attach("generic-thrower", new ThrowingGeneric(), "snakepit.*");
        _hub.Emit(Events.Status());
        _hub.Emit(Events.Stop());
        Assert.Single(failures.Failures);
        Assert.Equal(new[] { "failures" }, _hub.ListHandlers().Select(h => h.Id));
    }

    [Fact]
    public void Failing_failure_handler_is_detached_without_looping()
    {
        _hub.Attach("bad-failures", new ThrowingFailureHandler());
        _hub.Attach("thrower", new ThrowingHandler());
        _hub.Emit(Events.Stop());
        Assert.Empty(_hub.ListHandlers());
    }

    [Fact]
    public void Lambda_handlers_are_isolated_too()
    {
        var failures = new FailureRecorder();
        _hub.Attach("failures", failures);
        _hub.Attach<PoolStatus>("lambda", (in PoolStatus e) => throw new FormatException("bad"));
        _hub.Emit(Events.Status());
        Assert.Equal("lambda", Assert.Single(failures.Failures).HandlerId);
    }

    private sealed class ThrowingGeneric : ITelemetryHandler
    {
        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent => throw new InvalidOperationException("generic boom");
    }

    private sealed class ThrowingFailureHandler : ITelemetryHandlerFailureHandler
    {
        public void Handle(in TelemetryHandlerFailure e) => throw new InvalidOperationException("failure boom");
    }
}
