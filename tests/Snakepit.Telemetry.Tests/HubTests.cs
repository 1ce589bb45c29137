using System;
using System.Linq;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>Attach, detach, ids and listing on a hub of its own.</summary>
public class HubTests
{
    private readonly TelemetryHub _hub = new();

    [Fact]
    public void Attach_binds_every_handler_interface_the_object_implements()
    {
        var handler = new RecordingHandler();
        _hub.Attach("recorder", handler);

        _hub.Emit(Events.Stop("predict", 1500));
        _hub.Emit(Events.Status(51));
        _hub.Emit(Events.Lookup("user:1", hit: false));

        Assert.Equal(new[] { "stop predict 1500 Success", "status default 51", "cache user:1 False" }, handler.Seen);
    }

    [Fact]
    public void Events_without_a_handler_are_not_delivered_and_report_disabled()
    {
        var handler = new RecordingHandler();
        _hub.Attach("recorder", handler);
        Assert.True(_hub.IsEnabled<PythonCallStop>());
        Assert.False(_hub.IsEnabled<PythonCallStart>());
        _hub.Emit(new PythonCallStart(DateTimeOffset.UtcNow, "default", "w-1", "predict", "c-1"));
        Assert.Empty(handler.Seen);
    }

    [Fact]
    public void Attach_works_before_any_emitter_of_the_event_has_run()
    {
        var received = 0L;
        _hub.Attach<NeverEmitted>("never", (in NeverEmitted e) => received += e.Count);
        _hub.Emit(new NeverEmitted(42));
        Assert.Equal(42, received);
    }

    [Fact]
    public void Explicit_interface_implementations_are_bound()
    {
        var handler = new ExplicitHandler();
        _hub.Attach("explicit", handler);
        _hub.Emit(Events.Status());
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public void Duplicate_id_throws_naming_the_id()
    {
        _hub.Attach("myapp-python-logger", new RecordingHandler());
        var ex = Assert.Throws<InvalidOperationException>(() => _hub.Attach("myapp-python-logger", new CountingHandler()));
        Assert.Contains("'myapp-python-logger'", ex.Message);
        Assert.Throws<InvalidOperationException>(() => _hub.Attach<PoolStatus>("myapp-python-logger", (in PoolStatus e) => { }));
    }

    [Fact]
    public void Object_implementing_no_handler_interface_throws_ArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => _hub.Attach("nothing", new object()));
        Assert.Contains("implements no telemetry handler interface", ex.Message);
        Assert.Empty(_hub.ListHandlers());
    }

    [Fact]
    public void Empty_or_null_ids_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => _hub.Attach(" ", new RecordingHandler()));
        Assert.Throws<ArgumentNullException>(() => _hub.Attach(null!, new RecordingHandler()));
        Assert.Throws<ArgumentNullException>(() => _hub.Attach("x", (object)null!));
    }

    [Fact]
    public void Detach_reports_whether_the_handler_was_attached_and_stops_delivery()
    {
        var handler = new RecordingHandler();
        _hub.Attach("recorder", handler);
        Assert.True(_hub.Detach("recorder"));
        Assert.False(_hub.Detach("recorder"));
        Assert.False(_hub.Detach("never-attached"));

        _hub.Emit(Events.Stop());
        Assert.Empty(handler.Seen);
        Assert.False(_hub.IsEnabled<PythonCallStop>());

        _hub.Attach("recorder", handler);
        _hub.Emit(Events.Stop());
        Assert.Single(handler.Seen);
    }

    [Fact]
    public void ListHandlers_filters_by_whole_segment_prefix()
    {
        _hub.Attach("recorder", new RecordingHandler());
        _hub.Attach<PythonCallStart>("starts", (in PythonCallStart e) => { });
        _hub.Attach("pool-forwarder", new GenericRecorder(), "snakepit.pool.*");

        var python = _hub.ListHandlers("snakepit.python");
        Assert.Equal(new[] { "recorder", "starts" }, python.Select(h => h.Id));
        Assert.Equal(new[] { "snakepit.python.call.stop" }, python[0].Events);

        var all = _hub.ListHandlers();
        Assert.Equal(new[] { "recorder", "starts", "pool-forwarder" }, all.Select(h => h.Id));
        Assert.Equal(
            new[] { "snakepit.python.call.stop", "snakepit.pool.status", "myapp.cache.lookup" }.OrderBy(x => x),
            all[0].Events.OrderBy(x => x));

        var pool = _hub.ListHandlers("snakepit.pool.status");
        Assert.Equal(new[] { "recorder", "pool-forwarder" }, pool.Select(h => h.Id));
        Assert.Equal(new[] { "snakepit.pool.*" }, pool[1].Events);

        Assert.Empty(_hub.ListHandlers("snakepit.py"));
        Assert.Empty(_hub.ListHandlers("other"));
    }

    [Fact]
    public void Generic_handler_receives_matching_events_by_pattern()
    {
        var pool = new GenericRecorder();
        var everything = new GenericRecorder();
        _hub.Attach("pool", pool, "snakepit.pool.*");
        _hub.Attach("all", everything);

        _hub.Emit(Events.Status(7));
        _hub.Emit(Events.Stop());
        _hub.Emit(new PoolWorkerRestarted(TimeSpan.FromSeconds(2), 6, "default", "w-2", "100", "101", "crash"));

        Assert.Equal(2, pool.Seen.Count);
        Assert.StartsWith("snakepit.pool.status { available_workers=2, busy_workers=1, queue_depth=7, total_workers=3, pool_name=default, node=", pool.Seen[0]);
        Assert.StartsWith("snakepit.pool.worker.restarted { downtime=00:00:02, restart_count=6,", pool.Seen[1]);
        Assert.Equal(3, everything.Seen.Count);
    }

    [Fact]
    public void Generic_handler_patterns_are_validated()
    {
        Assert.Throws<ArgumentException>(() => _hub.Attach("bad", new GenericRecorder(), "snakepit.*.stop"));
        Assert.Throws<ArgumentException>(() => _hub.Attach("bad", new GenericRecorder(), ""));
    }

    [Fact]
    public void Typed_interfaces_take_precedence_over_the_generic_interface_of_the_same_object()
    {
        var both = new BothHandler();
        _hub.Attach("both", both);
        _hub.Emit(Events.Stop());
        _hub.Emit(Events.Status());
        Assert.Equal(new[] { "typed snakepit.python.call.stop", "generic snakepit.pool.status" }, both.Seen);
    }

    [Fact]
    public void Hubs_are_independent()
    {
        using var other = new TelemetryHub();
        var handler = new RecordingHandler();
        other.Attach("recorder", handler);
        _hub.Emit(Events.Stop());
        Assert.Empty(handler.Seen);
        Assert.Empty(_hub.ListHandlers());
    }

    [Fact]
    public void Event_fields_are_readable_through_ITelemetryEvent()
    {
        ITelemetryEvent e = new CacheLookup(TimeSpan.FromMilliseconds(2), "k1", true, size: 512);
        Assert.Equal("myapp.cache.lookup", e.EventName);
        Assert.Equal(2, e.MeasurementCount);
        Assert.Equal("latency", e.GetMeasurement(0).Name);
        Assert.Equal(TimeSpan.FromMilliseconds(2), e.GetMeasurement(0).Value.AsDuration());
        Assert.Equal("By", e.GetMeasurement(1).Unit);
        Assert.Equal(512, e.GetMeasurement(1).Value.AsInt64());
        Assert.Equal(3, e.MetadataCount);
        Assert.Equal("k1", e.GetMetadata(0).Value.AsString());
        Assert.True(e.GetMetadata(1).Value.AsBoolean());
        Assert.Equal("node", e.GetMetadata(2).Name);
        Assert.Throws<ArgumentOutOfRangeException>(() => e.GetMeasurement(2));

        ITelemetryEvent stop = Events.Stop();
        var result = Enumerable.Range(0, stop.MetadataCount).Select(stop.GetMetadata).Single(f => f.Name == "result");
        Assert.Equal(TelemetryValueKind.Enum, result.Value.Kind);
        Assert.Equal("success", result.Value.AsString());
        Assert.True(new CacheLookup(TimeSpan.Zero, "k", false).GetMeasurementValue(1).IsNone);
    }

    private sealed class BothHandler : IPythonCallStopHandler, ITelemetryHandler
    {
        public System.Collections.Generic.List<string> Seen { get; } = new();

        public void Handle(in PythonCallStop e) => Seen.Add("typed " + PythonCallStop.Name);

        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent => Seen.Add("generic " + e.EventName);
    }
}

internal static class EventExtensions
{
    public static TelemetryValue GetMeasurementValue<TEvent>(this TEvent e, int index)
        where TEvent : struct, ITelemetryEvent => e.GetMeasurement(index).Value;
}
