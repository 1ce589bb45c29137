using System;
using System.Linq;
using System.Threading;
using Snakepit.Telemetry.Events;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// A handler's exception is user code too: whatever its <c>Message</c>, <c>ToString</c> or <c>StackTrace</c> do, a
/// failure is reported and isolated, with tracing on (the setting docs/troubleshooting.md recommends) and off.
/// </summary>
public sealed class HostileExceptionTests : IDisposable
{
    private readonly TelemetryHub _hub = new();
    private readonly FailureRecorder _failures = new();

    public HostileExceptionTests() => _hub.Attach("failures", _failures);

    public void Dispose() => _hub.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_inline_handler_whose_exception_cannot_be_read_is_detached_and_reported_and_never_reaches_the_emitter(bool tracing)
    {
        using var trace = TracingListener.StartIf(tracing);
        _hub.Attach<PoolStatus>("hostile", (in PoolStatus e) => throw new HostileException());

        var thrown = Record.Exception(() => _hub.Emit(Events.Status()));

        Assert.Null(thrown);
        var failure = Assert.Single(_failures.Failures);
        Assert.Equal("hostile", failure.HandlerId);
        Assert.True(failure.Detached);
        Assert.Equal(typeof(HostileException).FullName, failure.ExceptionType);
        Assert.Contains("its Message threw System.ObjectDisposedException", failure.ExceptionMessage);
        Assert.DoesNotContain(_hub.ListHandlers(), h => h.Id == "hostile");

        // Everything that formats the failure event reads it safely too.
        Assert.Contains("exception_message=(the message of", failure.ToString());
        if (trace is TracingListener listener)
        {
            var written = Assert.Single(listener.Written, w => w.EventId == TelemetryEventSource.HandlerFailedEventId && (string)w.Payload![0]! == "hostile");
            Assert.Contains("could not be read", (string)written.Payload![3]!);
        }
    }

    [Fact]
    public void Failures_whose_report_reads_a_throwing_Message_leave_the_thread_able_to_nest_emits()
    {
        using var trace = new TracingListener();

        // Each failure once left this thread's dispatch depth one too high; past 32 every emit was dropped.
        for (var i = 0; i < 40; i++)
        {
            _hub.Attach<PoolStatus>("hostile-" + i, (in PoolStatus e) => throw new HostileException());
            _hub.Emit(Events.Status());
        }

        Assert.Equal(40, _failures.Failures.Count);
        var deepest = 0L;
        _hub.Attach<PoolStatus>("countdown", (in PoolStatus e) =>
        {
            deepest = Math.Max(deepest, e.QueueDepth);
            if (e.QueueDepth < 20)
            {
#pragma warning disable SNK009 // Nesting on purpose: the depth the thread still allows is what is tested.
                _hub.Emit(Events.Status(e.QueueDepth + 1));
#pragma warning restore SNK009
            }
        });

        _hub.Emit(Events.Status(0));

        Assert.Equal(20, deepest);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_background_handler_whose_exception_cannot_be_read_is_reported_on_its_worker_and_the_process_lives(bool tracing)
    {
        using var trace = TracingListener.StartIf(tracing);
        _hub.Attach(new TelemetryHandlerBuilder("hostile-background", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PoolStatus>((in PoolStatus e) => throw new HostileException()));

        _hub.Emit(Events.Status());

        // An exception escaping the worker's thread would have ended this process before the failure was recorded.
        var failure = Assert.Single(_failures.WaitFor(1));
        Assert.Equal("hostile-background", failure.HandlerId);
        Assert.Contains("could not be read", failure.ExceptionMessage);
        Assert.True(_hub.WaitForBackgroundHandler("hostile-background", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_failure_handler_that_throws_a_hostile_exception_is_detached_silently()
    {
        using var trace = new TracingListener();
        _hub.Attach("hostile-failures", new HostileFailureHandler());
        _hub.Attach<PoolStatus>("thrower", (in PoolStatus e) => throw new HostileException());

        var thrown = Record.Exception(() => _hub.Emit(Events.Status()));

        Assert.Null(thrown);
        Assert.Equal(new[] { "failures" }, _hub.ListHandlers().Select(h => h.Id));
        Assert.Single(_failures.Failures);
    }

    [Fact]
    public void ReportHandlerError_with_a_hostile_exception_reports_and_keeps_the_handler()
    {
        using var trace = new TracingListener();
        _hub.Attach<PoolStatus>("reporter", (in PoolStatus e) => { });

        _hub.ReportHandlerError("reporter", PoolStatus.Name, new HostileException());

        var failure = Assert.Single(_failures.Failures);
        Assert.False(failure.Detached);
        Assert.Contains("could not be read", failure.ExceptionMessage);
        Assert.Equal(1, _hub.ListHandlers().Single(h => h.Id == "reporter").Failures);
    }

    [Fact]
    public void A_generic_failure_handler_reading_every_field_of_a_hostile_failure_stays_attached()
    {
        var seen = new GenericRecorder();
        _hub.Attach("every-failure", seen, TelemetryHandlerFailure.Name);
        _hub.Attach<PoolStatus>("thrower", (in PoolStatus e) => throw new HostileException());

        _hub.Emit(Events.Status());

        var line = Assert.Single(seen.Seen);
        Assert.StartsWith("telemetry.handler.failure { handler_id=thrower, event_name=snakepit.pool.status, exception_type=Snakepit.Telemetry.TestCases.HostileException", line);
        Assert.Contains("detached=true", line);
        Assert.Contains(_hub.ListHandlers(), h => h.Id == "every-failure");
    }

    private sealed class HostileFailureHandler : ITelemetryHandlerFailureHandler
    {
        public void Handle(in TelemetryHandlerFailure e) => throw new HostileException();
    }
}
