using System;
using System.Collections.Generic;
using System.Text;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// Worker telemetry lines folded into Snakepit's typed events by the generated decoder: every field type, the
/// worker's context winning over the line, and every reason a line is dropped, counted.
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class WorkerFoldingTests : IDisposable
{
    private static readonly WorkerContext Worker = new("node-b", "gpu", "worker-3");

    private readonly List<string> _ids = new();

    [Fact]
    public void A_call_stop_line_becomes_a_typed_event_with_the_workers_node_pool_and_id()
    {
        var seen = Capture<PythonCallStop>();
        var reader = NewReader();

        var result = reader.Fold("TELEMETRY:{\"event\":\"python.call.stop\",\"measurements\":{\"duration\":1500000,\"response_size\":42,\"gpu_temp\":71.5}," +
            "\"metadata\":{\"command\":\"predict\",\"correlation_id\":\"c-1\",\"result\":\"success\",\"node\":\"liar\",\"worker_id\":\"worker-9\",\"extra\":{\"nested\":[1,2]}},\"timestamp_ns\":1700000000000000000}");

        Assert.Equal(FoldResult.Folded, result);
        var e = Assert.Single(seen);
        Assert.Equal(TimeSpan.FromMilliseconds(1.5), e.Duration);
        Assert.Equal(42, e.ResponseSize);
        Assert.Equal("predict", e.Command);
        Assert.Equal("c-1", e.CorrelationId);
        Assert.Equal(PythonCallStopResult.Success, e.Result);
        Assert.Null(e.SessionId);
        Assert.Equal("node-b", e.Node);
        Assert.Equal("gpu", e.PoolName);
        Assert.Equal("worker-3", e.WorkerId);
        Assert.Equal(1, reader.Count(FoldResult.Folded));
    }

    [Fact]
    public void Keys_may_come_in_any_order_and_escaped_names_match()
    {
        var seen = Capture<PythonCallStop>();
        var result = NewReader().Fold("TELEMETRY:{\"metadata\":{\"comm\\u0061nd\":\"p\\u00e9\",\"correlation_id\":\"c\",\"result\":\"success\"},\"measurements\":{\"duration\":100},\"event\":\"python.call.st\\u006fp\"}");

        Assert.Equal(FoldResult.Folded, result);
        Assert.Equal("pé", Assert.Single(seen).Command);
    }

    [Fact]
    public void Durations_are_nanoseconds_unless_the_field_declares_a_unit_and_gc_time_is_in_microseconds()
    {
        var gc = Capture<PythonGcCompleted>();
        var reader = NewReader();

        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"python.gc.completed\",\"measurements\":{\"duration\":250,\"collected\":12,\"generation\":2},\"metadata\":{}}"));
        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"python.gc.completed\",\"measurements\":{\"duration\":2.5,\"collected\":1.0,\"generation\":0}}"));

        Assert.Equal(TimeSpan.FromMicroseconds(250), gc[0].Duration);
        Assert.Equal(12, gc[0].Collected);
        Assert.Equal("worker-3", gc[0].WorkerId);
        Assert.Equal(TimeSpan.FromTicks(25), gc[1].Duration);
        Assert.Equal(1, gc[1].Collected);
    }

    [Fact]
    public void A_timestamp_field_the_line_leaves_out_takes_timestamp_ns_and_one_it_gives_is_nanoseconds_since_the_epoch()
    {
        var errors = Capture<PythonErrorOccurred>();
        var reader = NewReader();
        const long ns = 1_700_000_000_123_456_700;

        Assert.Equal(FoldResult.Folded, reader.Fold($"TELEMETRY:{{\"event\":\"python.error.occurred\",\"metadata\":{{\"error_type\":\"KeyError\",\"error_message\":\"'x'\"}},\"timestamp_ns\":{ns}}}"));
        Assert.Equal(FoldResult.Folded, reader.Fold($"TELEMETRY:{{\"event\":\"python.error.occurred\",\"measurements\":{{\"system_time\":0}},\"metadata\":{{\"error_type\":\"E\",\"error_message\":\"m\",\"traceback\":null}},\"timestamp_ns\":{ns}}}"));
        Assert.Equal(FoldResult.MissingField, reader.Fold("TELEMETRY:{\"event\":\"python.error.occurred\",\"metadata\":{\"error_type\":\"E\",\"error_message\":\"m\"}}"));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123).AddTicks(4567), errors[0].SystemTime);
        Assert.Equal(DateTimeOffset.UnixEpoch, errors[1].SystemTime);
        Assert.Null(errors[1].Traceback);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void An_applications_own_catalog_folds_the_same_way_with_booleans_checked()
    {
        var seen = new List<MyApp.Telemetry.CacheLookup>();
        Attach<MyApp.Telemetry.CacheLookup>((in MyApp.Telemetry.CacheLookup e) => seen.Add(e));
        var reader = new WorkerTelemetryReader(new MyApp.Telemetry.MyappEvents.Decoder(), Worker);

        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"cache.lookup\",\"measurements\":{\"latency\":1000},\"metadata\":{\"key\":\"k\",\"hit\":true,\"node\":\"x\"}}"));
        Assert.Equal(FoldResult.WrongType, reader.Fold("TELEMETRY:{\"event\":\"cache.lookup\",\"measurements\":{\"latency\":1000},\"metadata\":{\"key\":\"k\",\"hit\":\"yes\"}}"));

        var e = Assert.Single(seen);
        Assert.True(e.Hit);
        Assert.Equal(TimeSpan.FromMicroseconds(1), e.Latency);
        Assert.Equal("node-b", e.Node);
    }

    [Fact]
    public void Events_are_named_relative_to_the_catalog_or_by_their_full_name()
    {
        Capture<PoolStatus>();
        var reader = NewReader();

        // The full name is the event too (here missing its fields), not an unknown one.
        Assert.Equal(FoldResult.MissingField, reader.Fold("TELEMETRY:{\"event\":\"snakepit.pool.status\",\"measurements\":{}}"));
        Assert.Equal(FoldResult.UnknownEvent, reader.Fold("TELEMETRY:{\"event\":\"myapp.pool.status\",\"measurements\":{}}"));
        Assert.Equal(FoldResult.UnknownEvent, reader.Fold("TELEMETRY:{\"event\":\"inference.start\"}"));
        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"pool.status\",\"measurements\":{\"available_workers\":1,\"busy_workers\":2,\"queue_depth\":0,\"total_workers\":3}}"));
    }

    public static TheoryData<string, FoldResult> DroppedLines => new()
    {
        { "worker started on port 50051", FoldResult.NotTelemetry },
        { "", FoldResult.NotTelemetry },
        { " TELEMETRY:{}", FoldResult.NotTelemetry },
        { "TELEMETRY:", FoldResult.Malformed },
        { "TELEMETRY:{\"event\":\"pool.status\"", FoldResult.Malformed },
        { "TELEMETRY:[1,2]", FoldResult.Malformed },
        { "TELEMETRY:\"pool.status\"", FoldResult.Malformed },
        { "TELEMETRY:{\"event\":\"pool.status\"} trailing", FoldResult.Malformed },
        { "TELEMETRY:{\"event\":\"pool.status\"}{}", FoldResult.Malformed },
        { "TELEMETRY:{'event':'pool.status'}", FoldResult.Malformed },
        { "TELEMETRY:{\"measurements\":{}}", FoldResult.MissingField },
        { "TELEMETRY:{\"event\":null}", FoldResult.MissingField },
        { "TELEMETRY:{\"event\":7}", FoldResult.WrongType },
        { "TELEMETRY:{\"event\":\"no.such.event\"}", FoldResult.UnknownEvent },
        { Status("\"available_workers\":1,\"busy_workers\":2,\"queue_depth\":0"), FoldResult.MissingField },
        { Status("\"available_workers\":1,\"busy_workers\":2,\"queue_depth\":null,\"total_workers\":3"), FoldResult.MissingField },
        { Status("\"available_workers\":\"1\",\"busy_workers\":2,\"queue_depth\":0,\"total_workers\":3"), FoldResult.WrongType },
        { Status("\"available_workers\":1.5,\"busy_workers\":2,\"queue_depth\":0,\"total_workers\":3"), FoldResult.OutOfRange },
        { Status("\"available_workers\":9223372036854775808,\"busy_workers\":2,\"queue_depth\":0,\"total_workers\":3"), FoldResult.OutOfRange },
        { Status("\"available_workers\":NaN,\"busy_workers\":2,\"queue_depth\":0,\"total_workers\":3"), FoldResult.NotFinite },
        { Status("\"available_workers\":-Infinity,\"busy_workers\":2,\"queue_depth\":0,\"total_workers\":3"), FoldResult.NotFinite },
        { "TELEMETRY:{\"event\":\"pool.status\",\"measurements\":[1]}", FoldResult.WrongType },
        { "TELEMETRY:{\"event\":\"pool.status\",\"metadata\":\"gpu\"}", FoldResult.WrongType },
        { "TELEMETRY:{\"event\":\"pool.status\",\"timestamp_ns\":\"now\"}", FoldResult.WrongType },
        { "TELEMETRY:{\"event\":\"pool.status\",\"timestamp_ns\":1.5}", FoldResult.OutOfRange },
        { Stop("\"duration\":-5", "\"result\":\"success\""), FoldResult.OutOfRange },
        { Stop("\"duration\":1e300", "\"result\":\"success\""), FoldResult.OutOfRange },
        { Stop("\"duration\":\"5ms\"", "\"result\":\"success\""), FoldResult.WrongType },
        { Stop("\"duration\":5", "\"result\":\"failure\""), FoldResult.OutOfRange },
        { Stop("\"duration\":5", "\"result\":\"Success\""), FoldResult.OutOfRange },
        { Stop("\"duration\":5", "\"result\":1"), FoldResult.WrongType },
        { Stop("\"duration\":5", "\"result\":\"success\",\"command\":42"), FoldResult.WrongType },
        { Stop("\"duration\":5", "\"result\":\"success\",\"command\":\"\\ud800\""), FoldResult.InvalidUtf8 },
        { "TELEMETRY:{\"event\":\"pool.status\",\"x\":" + new string('[', 20) + new string(']', 20) + "}", FoldResult.TooDeep },
        { "TELEMETRY:{\"event\":\"pool.status\",\"x\":\"" + new string('a', 70_000) + "\"}", FoldResult.TooLong },
        { new string('a', 70_000), FoldResult.TooLong },
        { "TELEMETRY:{\"event\":\"pool.status\"}, Nonsense}", FoldResult.Malformed },
        { "TELEMETRY:{\"event\":\"pool.status\"} Infinite", FoldResult.Malformed },
        { "TELEMETRY:{\"event\":\"pool.status\",\"x\":" + new string('[', 14) + "1 2" + new string(']', 14) + "}", FoldResult.Malformed },
        { Stop("\"duration\":5", "\"result\":\"\\ud800\""), FoldResult.InvalidUtf8 },
    };

    [Theory]
    [MemberData(nameof(DroppedLines))]
    public void Every_line_that_is_not_a_good_event_is_dropped_with_its_reason_and_counted(string line, FoldResult expected)
    {
        var stops = Capture<PythonCallStop>();
        var statuses = Capture<PoolStatus>();
        var reader = NewReader();

        Assert.Equal(expected, reader.Fold(line));
        Assert.Equal(expected, reader.Fold(Encoding.UTF8.GetBytes(line)));

        Assert.Empty(stops);
        Assert.Empty(statuses);
        Assert.Equal(2, reader.Count(expected));
        Assert.Equal(expected is FoldResult.NotTelemetry ? 0 : 2, reader.Dropped);
    }

    [Fact]
    public void Fractional_durations_round_to_the_nearest_nanosecond_and_integers_written_as_floats_stay_exact()
    {
        var gc = Capture<PythonGcCompleted>();
        var reader = NewReader();

        // 32.3 us is 32299.999999999996 ns as a double: 323 ticks, not 322. Collected: 2^53 + 1 written with a fraction and an exponent.
        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"python.gc.completed\",\"measurements\":{\"duration\":32.3,\"collected\":9007199254740993.0,\"generation\":12345678901234567e0}}"));
        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"python.gc.completed\",\"measurements\":{\"duration\":1001.0,\"collected\":1e2,\"generation\":-0.0}}"));

        Assert.Equal(TimeSpan.FromTicks(323), gc[0].Duration);
        Assert.Equal(9007199254740993L, gc[0].Collected);
        Assert.Equal(12345678901234567L, gc[0].Generation);
        Assert.Equal(TimeSpan.FromTicks(10010), gc[1].Duration);
        Assert.Equal(100, gc[1].Collected);
        Assert.Equal(0, gc[1].Generation);
    }

    [Fact]
    public void The_maximum_line_length_is_bounded_and_one_line_break_is_trimmed_the_same_way_everywhere()
    {
        var reader = NewReader();
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.MaxLineLength = int.MaxValue);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.MaxLineLength = WorkerTelemetryReader.LargestMaxLineLength + 1);
        reader.MaxLineLength = WorkerTelemetryReader.LargestMaxLineLength;

        reader.MaxLineLength = 64;
        var line = new string('x', 64);
        Assert.Equal(FoldResult.NotTelemetry, reader.Fold(line + "\r\n"));
        Assert.Equal(FoldResult.TooLong, reader.Fold(line + "\r\r\n"));
        Assert.Equal(FoldResult.TooLong, reader.Fold(Encoding.UTF8.GetBytes(line + "\r\r\n")));
    }

    [Fact]
    public void Invalid_utf8_is_dropped_as_such()
    {
        var reader = NewReader();
        var line = Encoding.UTF8.GetBytes(Stop("\"duration\":5", "\"result\":\"success\",\"command\":\"xx\""));
        line[Array.IndexOf(line, (byte)'x')] = 0xC3;

        Assert.Equal(FoldResult.InvalidUtf8, reader.Fold(line));
        Assert.Equal(1, reader.Count(FoldResult.InvalidUtf8));
    }

    [Fact]
    public void Lines_nobody_listens_to_are_checked_and_counted_as_folded_without_building_the_event()
    {
        Assert.False(SnakepitEvents.IsPythonCallStopEnabled);
        var reader = NewReader();

        Assert.Equal(FoldResult.Folded, reader.Fold(Stop("\"duration\":5", "\"result\":\"success\"")));
        Assert.Equal(FoldResult.OutOfRange, reader.Fold(Stop("\"duration\":5", "\"result\":\"bad\"")));
    }

    [Fact]
    public void Line_breaks_at_the_end_are_ignored_and_the_maximum_length_is_settable()
    {
        Capture<PoolStatus>();
        var reader = NewReader();
        var line = Status("\"available_workers\":1,\"busy_workers\":2,\"queue_depth\":0,\"total_workers\":3");

        Assert.Equal(FoldResult.Folded, reader.Fold(line + "\r\n"));
        reader.MaxLineLength = line.Length - 1;
        Assert.Equal(FoldResult.TooLong, reader.Fold(line));
        Assert.Equal(FoldResult.TooLong, reader.Fold(Encoding.UTF8.GetBytes(line)));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.MaxLineLength = 10);
    }

    [Fact]
    public void The_worker_context_and_the_reader_refuse_nulls()
    {
        Assert.Throws<ArgumentNullException>(() => new WorkerContext(null!, "p", "w"));
        Assert.Throws<ArgumentNullException>(() => new WorkerContext("n", null!, "w"));
        Assert.Throws<ArgumentNullException>(() => new WorkerContext("n", "p", null!));
        Assert.Throws<ArgumentNullException>(() => new WorkerTelemetryReader(null!, Worker));
        Assert.Throws<ArgumentNullException>(() => new WorkerTelemetryReader(new SnakepitEvents.Decoder(), null!));
        Assert.Equal("snakepit", new SnakepitEvents.Decoder().CatalogName);
    }

    [Fact]
    public void A_payload_can_carry_its_own_common_metadata()
    {
        var e = new PoolStatus(1, 2, 3, 4, "gpu", "node-z");
        Assert.Equal("node-z", e.Node);
        Assert.Equal(SnakepitEvents.CommonMetadata.Node, new PoolStatus(1, 2, 3, 4, "gpu").Node);
        Assert.Throws<ArgumentNullException>(() => new PoolStatus(1, 2, 3, 4, "gpu", null!));
    }

    internal static string Status(string measurements) =>
        "TELEMETRY:{\"event\":\"pool.status\",\"measurements\":{" + measurements + "}}";

    internal static string Stop(string measurements, string metadata) =>
        "TELEMETRY:{\"event\":\"python.call.stop\",\"measurements\":{" + measurements + "},\"metadata\":{\"command\":\"predict\",\"correlation_id\":\"c\"," + metadata + "}}";

    private static WorkerTelemetryReader NewReader() => new(new SnakepitEvents.Decoder(), Worker);

    private List<TEvent> Capture<TEvent>()
        where TEvent : struct, ITelemetryEvent
    {
        var seen = new List<TEvent>();
        Attach<TEvent>((in TEvent e) => seen.Add(e));
        return seen;
    }

    private void Attach<TEvent>(TelemetryCallback<TEvent> callback)
        where TEvent : struct, ITelemetryEvent
    {
        var id = "folding-" + typeof(TEvent).Name + "-" + _ids.Count;
        TelemetryHub.Default.Attach(id, callback);
        _ids.Add(id);
    }

    public void Dispose()
    {
        foreach (var id in _ids)
        {
            TelemetryHub.Default.Detach(id);
        }
    }
}
