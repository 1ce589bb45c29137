using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>Background dispatch: handlers run on a worker behind a bounded queue; the emitter never waits.</summary>
public sealed class BackgroundDispatchTests : IDisposable
{
    private readonly TelemetryHub _hub = new();

    public void Dispose() => _hub.Dispose();

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
        using var gate = new Gate();
        var handled = 0;
        _hub.Attach(new TelemetryHandlerBuilder("blocked", this)
            .WithDispatch(TelemetryDispatchMode.Background, queueCapacity: 4)
            .On<PoolStatus>((in PoolStatus e) =>
            {
                if (e.QueueDepth == 0)
                {
                    gate.Pass();
                }

                Interlocked.Increment(ref handled);
            }));

        _hub.Emit(Events.Status(0));
        gate.WaitEntered();
        for (var i = 1; i < 50; i++)
        {
            _hub.Emit(Events.Status(i));
        }

        // The worker handles one event and exactly four wait: the other 45 were dropped without waiting.
        var info = _hub.ListHandlers().Single();
        Assert.Equal(45, info.DroppedEvents);
        Assert.Equal(4, info.QueuedEvents);
        gate.Release();
        Assert.True(_hub.WaitForBackgroundHandler("blocked", TimeSpan.FromSeconds(10)));
        Assert.Equal(5, handled);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(7)]
    public void Capacity_holds_exactly_what_it_says(int capacity)
    {
        using var gate = new Gate();
        var seen = new ConcurrentQueue<long>();
        _hub.Attach(new TelemetryHandlerBuilder("exact", this)
            .WithDispatch(TelemetryDispatchMode.Background, capacity)
            .On<PoolStatus>((in PoolStatus e) =>
            {
                if (e.QueueDepth == 0)
                {
                    gate.Pass();
                }

                seen.Enqueue(e.QueueDepth);
            }));

        _hub.Emit(Events.Status(0));
        gate.WaitEntered();
        for (var i = 1; i <= 20; i++)
        {
            _hub.Emit(Events.Status(i));
        }

        gate.Release();
        Assert.True(_hub.WaitForBackgroundHandler("exact", TimeSpan.FromSeconds(10)));
        Assert.Equal(Enumerable.Range(0, capacity + 1).Select(i => (long)i), seen);
        Assert.Equal(20 - capacity, _hub.ListHandlers().Single().DroppedEvents);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_048_577)]
    [InlineData(int.MaxValue)]
    public void Capacity_outside_1_to_2_pow_20_is_refused_naming_the_range(int capacity)
    {
        var builder = new TelemetryHandlerBuilder("refused", this);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => builder.WithDispatch(TelemetryDispatchMode.Background, capacity));
        Assert.Equal("queueCapacity", error.ParamName);
        Assert.Contains("from 1 to 1,048,576", error.Message);
    }

    [Fact]
    public void Largest_capacity_is_accepted()
    {
        _hub.Attach(new TelemetryHandlerBuilder("largest", this)
            .WithDispatch(TelemetryDispatchMode.Background, TelemetryHandlerBuilder.MaxQueueCapacity)
            .On<PoolStatus>((in PoolStatus e) => { }));
        _hub.Emit(Events.Status());
        Assert.True(_hub.WaitForBackgroundHandler("largest", TimeSpan.FromSeconds(10)));
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

        // The handler is detached before its failure is emitted: once the failure arrives, it is gone.
        var failure = Assert.Single(failures.WaitFor(1));
        Assert.Equal("bg-thrower", failure.HandlerId);
        Assert.IsType<TimeoutException>(failure.Exception);
        Assert.DoesNotContain(_hub.ListHandlers(), h => h.Id == "bg-thrower");
    }

    [Fact]
    public void Failure_handler_sees_the_failed_handler_already_detached()
    {
        var listed = new ConcurrentQueue<bool>();
        _hub.Attach<TelemetryHandlerFailure>("failure-lister", (in TelemetryHandlerFailure e) =>
            listed.Enqueue(_hub.ListHandlers().Any(h => h.Id == "thrower")));
        _hub.Attach("thrower", new ThrowingHandler());

        _hub.Emit(Events.Stop());

        Assert.Equal(new[] { false }, listed);
    }

    [Fact]
    public void Failing_background_handler_is_called_once_and_what_was_queued_is_dropped()
    {
        using var gate = new Gate();
        var calls = 0;
        var failures = new FailureRecorder();
        _hub.Attach("failures", failures);
        _hub.Attach(new TelemetryHandlerBuilder("bg-fails-once", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PythonCallStop>((in PythonCallStop e) =>
            {
                Interlocked.Increment(ref calls);
                gate.Pass();
                throw new InvalidOperationException("broken");
            }));
        var info = _hub.ListHandlers().Single(h => h.Id == "bg-fails-once");

        _hub.Emit(Events.Stop());
        gate.WaitEntered();
        for (var i = 0; i < 20; i++)
        {
            _hub.Emit(Events.Stop());
        }

        gate.Release();
        Assert.Single(failures.WaitFor(1));

        // The failure is reported on the worker after it stopped: no call can follow.
        Assert.Equal(1, Volatile.Read(ref calls));
        Assert.Equal(20, info.DroppedEvents);
        _hub.Emit(Events.Stop());
        Assert.Equal(1, Volatile.Read(ref calls));
        Assert.Single(failures.Failures);
    }

    [Fact]
    public void Each_generic_binding_of_a_background_handler_gets_each_matching_event_once()
    {
        var pool = new GenericRecorder();
        var all = new GenericRecorder();
        var both = new GenericRecorder();
        _hub.Attach(new TelemetryHandlerBuilder("bg-bindings", this)
            .WithDispatch(TelemetryDispatchMode.Background)
            .OnEvents(pool, "snakepit.pool.*")
            .OnEvents(all, "snakepit.*")
            .OnEvents(both, "snakepit.pool.*")
            .OnEvents(both, "snakepit.*"));

        _hub.Emit(Events.Status(5));
        _hub.Emit(Events.Stop());
        Assert.True(_hub.WaitForBackgroundHandler("bg-bindings", TimeSpan.FromSeconds(10)));

        Assert.Equal(new[] { "snakepit.pool.status" }, pool.Seen.Select(Name));
        Assert.Equal(new[] { "snakepit.pool.status", "snakepit.python.call.stop" }, all.Seen.Select(Name));
        Assert.Equal(new[] { "snakepit.pool.status", "snakepit.pool.status", "snakepit.python.call.stop" }, both.Seen.Select(Name).OrderBy(n => n));

        static string Name(string formatted) => formatted.Split(' ')[0];
    }

    [Fact]
    public void Events_from_one_thread_arrive_in_emission_order_whatever_their_types()
    {
        var seen = new ConcurrentQueue<string>();
        using var gate = new Gate();
        _hub.Attach(new TelemetryHandlerBuilder("bg-order", this)
            .WithDispatch(TelemetryDispatchMode.Background, 4096)
            .On<PoolStatus>((in PoolStatus e) =>
            {
                if (e.QueueDepth < 0)
                {
                    gate.Pass();
                    return;
                }

                seen.Enqueue("status " + e.QueueDepth);
            })
            .On<PythonCallStop>((in PythonCallStop e) => seen.Enqueue("stop " + e.Command)));

        // The worker is held while a flood of one type is queued, then one event of another type: it must not wait
        // behind the flood, and the whole sequence arrives as emitted.
        _hub.Emit(Events.Status(-1));
        gate.WaitEntered();
        var expected = new System.Collections.Generic.List<string>();
        for (var i = 0; i < 1_000; i++)
        {
            if (i % 7 == 3)
            {
                _hub.Emit(Events.Stop("c" + i));
                expected.Add("stop c" + i);
            }
            else
            {
                _hub.Emit(Events.Status(i));
                expected.Add("status " + i);
            }
        }

        gate.Release();
        Assert.True(_hub.WaitForBackgroundHandler("bg-order", TimeSpan.FromSeconds(10)));
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Span_stops_never_overtake_their_starts_across_emitting_threads()
    {
        var perThread = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
        _hub.Attach(new TelemetryHandlerBuilder("bg-spans", this)
            .WithDispatch(TelemetryDispatchMode.Background, TelemetryHandlerBuilder.MaxQueueCapacity)
            .On<PythonCallStart>((in PythonCallStart e) => perThread.GetOrAdd(e.WorkerId, _ => new()).Enqueue("start " + e.CorrelationId))
            .On<PythonCallStop>((in PythonCallStop e) => perThread.GetOrAdd(e.WorkerId, _ => new()).Enqueue("stop " + e.CorrelationId)));

        using var start = new Barrier(3);
        var emitters = Enumerable.Range(0, 3).Select(t => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 2_000; i++)
            {
                var id = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _hub.Emit(new PythonCallStart(DateTimeOffset.UnixEpoch, "default", "w-" + t, "predict", id));
                _hub.Emit(new PythonCallStop(TimeSpan.FromMilliseconds(1), "default", "w-" + t, "predict", id, PythonCallStopResult.Success));
            }
        })).ToArray();
        await Task.WhenAll(emitters);

        Assert.True(_hub.WaitForBackgroundHandler("bg-spans", TimeSpan.FromSeconds(30)));
        Assert.Equal(0, _hub.ListHandlers().Single().DroppedEvents);
        for (var t = 0; t < 3; t++)
        {
            var expected = Enumerable.Range(0, 2_000).SelectMany(i => new[] { "start " + i, "stop " + i });
            Assert.Equal(expected, perThread["w-" + t]);
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
