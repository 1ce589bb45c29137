using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>Background dispatch: handlers run on a worker behind a bounded queue; the emitter never waits.</summary>
public class BackgroundDispatchTests
{
    private readonly TelemetryHub _hub = new();

    [Fact]
    public void Background_handler_runs_on_its_own_thread_and_sees_every_event()
    {
        var threads = new ConcurrentBag<int>();
        var commands = new ConcurrentQueue<string>();
        _hub.Attach(new TelemetryHandlerBuilder("slow-writer", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PythonCallStop>((in PythonCallStop e) =>
            {
                threads.Add(Environment.CurrentManagedThreadId);
                commands.Enqueue(e.Command);
            }));

        for (var i = 0; i < 100; i++)
        {
            _hub.Emit(Events.Stop("cmd" + i));
        }

        Assert.True(_hub.WaitForBackgroundHandler("slow-writer", TimeSpan.FromSeconds(10)));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => "cmd" + i), commands);
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, threads);
        var info = Assert.Single(_hub.ListHandlers());
        Assert.Equal(TelemetryDispatchMode.Background, info.DispatchMode);
        Assert.Equal(0, info.DroppedEvents);
    }

    [Fact]
    public void Full_queue_drops_and_counts_instead_of_blocking_the_emitter()
    {
        using var release = new ManualResetEventSlim(false);
        var handled = 0;
        _hub.Attach(new TelemetryHandlerBuilder("blocked", this)
            .WithDispatch(TelemetryDispatchMode.Background, queueCapacity: 4)
            .On<PoolStatus>((in PoolStatus e) =>
            {
                release.Wait();
                Interlocked.Increment(ref handled);
            }));

        for (var i = 0; i < 50; i++)
        {
            _hub.Emit(Events.Status(i));
        }

        // The worker holds at most one event and the queue four: the rest were dropped without waiting.
        var dropped = _hub.ListHandlers().Single().DroppedEvents;
        Assert.InRange(dropped, 45, 46);
        release.Set();
        Assert.True(_hub.WaitForBackgroundHandler("blocked", TimeSpan.FromSeconds(10)));
        Assert.Equal(50 - dropped, handled);
    }

    [Fact]
    public void Failing_background_handler_is_detached_and_reported()
    {
        var failures = new FailureRecorder();
        _hub.Attach("failures", failures);
        _hub.Attach(new TelemetryHandlerBuilder("bg-thrower", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PythonCallStop>((in PythonCallStop e) => throw new TimeoutException("disk")));

        _hub.Emit(Events.Stop());

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_hub.ListHandlers().Any(h => h.Id == "bg-thrower") && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
        }

        Assert.DoesNotContain(_hub.ListHandlers(), h => h.Id == "bg-thrower");
        lock (failures.Failures)
        {
            var failure = Assert.Single(failures.Failures);
            Assert.Equal("bg-thrower", failure.HandlerId);
            Assert.IsType<TimeoutException>(failure.Exception);
        }
    }

    [Fact]
    public void Generic_background_handler_receives_events_by_pattern()
    {
        var recorder = new GenericRecorder();
        _hub.Attach(new TelemetryHandlerBuilder("bg-generic", recorder)
            .WithDispatch(TelemetryDispatchMode.Background)
            .OnEvents(recorder, "snakepit.pool.*"));

        _hub.Emit(Events.Status(5));
        _hub.Emit(Events.Stop());
        Assert.True(_hub.WaitForBackgroundHandler("bg-generic", TimeSpan.FromSeconds(10)));
        Assert.Single(recorder.Seen);
    }

    [Fact]
    public void Annotated_class_declares_background_dispatch_in_its_attribute()
    {
        var handler = new Annotated.BackgroundWriter();
        _hub.Attach(handler);
        _hub.Emit(Events.Status(9));
        Assert.True(_hub.WaitForBackgroundHandler("annotated-background-writer", TimeSpan.FromSeconds(10)));
        Assert.Equal(TelemetryDispatchMode.Background, _hub.ListHandlers().Single().DispatchMode);
        Assert.Equal(9, handler.LastDepth);
        Assert.NotEqual(Environment.CurrentManagedThreadId, handler.ThreadId);
    }

    [Fact]
    public void ReportHandlerError_emits_a_failure_and_keeps_the_handler_attached()
    {
        var failures = new FailureRecorder();
        var handler = new RecordingHandler();
        _hub.Attach("failures", failures);
        _hub.Attach("recorder", handler);

        _hub.ReportHandlerError(handler, PythonCallStop.Name, new FormatException("bad number"));

        var failure = Assert.Single(failures.Failures);
        Assert.Equal("recorder", failure.HandlerId);
        Assert.Equal(PythonCallStop.Name, failure.FailedEventName);
        Assert.Contains(_hub.ListHandlers(), h => h.Id == "recorder");
    }
}
