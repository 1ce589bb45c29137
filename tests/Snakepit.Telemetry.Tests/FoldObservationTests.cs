using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// What a reader lets its user see of lines it does not fold as they are: fields the catalog does not declare, counted
/// per event, section and field (bounded), and every dropped line with its reason, number, event and field.
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class FoldObservationTests
{
    private static readonly WorkerContext Worker = new("node-b", "gpu", "worker-3");

    private const string Request = "\"metadata\":{\"user_id\":\"u-1\",\"request_type\":\"forward\",\"result\":\"success\"";

    [Fact]
    public void Fields_a_catalog_does_not_declare_are_ignored_but_counted_per_event_section_and_field()
    {
        var reader = new WorkerTelemetryReader(new CompositeTelemetryDecoder(new SnakepitEvents.Decoder(), new MyappEvents.Decoder()), Worker);
        for (var i = 0; i < 12; i++)
        {
            // Relative and full names are one event; the context's fields (node) are declared, not unknown.
            var name = i % 2 == 0 ? "request.stop" : "myapp.request.stop";
            Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"" + name + "\",\"measurements\":{\"duration\":5,\"toknes\":3}," + Request + ",\"node\":\"x\"}}"));
        }

        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"request.stop\",\"measurements\":{\"duration\":5}," + Request + ",\"trace\":{\"a\":[1]}}}"));
        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"python.call.stop\",\"measurements\":{\"duration\":5,\"toknes\":1},\"metadata\":{\"command\":\"c\",\"correlation_id\":\"c\",\"result\":\"success\",\"worker_id\":\"w\",\"pool_name\":\"p\"}}"));

        var unknown = reader.UnknownFields();
        Assert.Equal(3, unknown.Count);
        var toknes = unknown[0];
        Assert.Equal(("myapp.request.stop", "measurements", "toknes", 12L), (toknes.Event, toknes.Section, toknes.Field, toknes.Count));
        Assert.Contains(unknown, u => u is { Event: "myapp.request.stop", Section: "metadata", Field: "trace", Count: 1 });
        Assert.Contains(unknown, u => u is { Event: "snakepit.python.call.stop", Section: "measurements", Field: "toknes", Count: 1 });
        Assert.Equal("myapp.request.stop carried unknown field 'toknes' in measurements 12 times", toknes.ToString());
        Assert.Equal(0, reader.UntrackedUnknownFields);

        var report = reader.Report();
        Assert.Contains("myapp.request.stop carried unknown field 'toknes' in measurements 12 times", report, StringComparison.Ordinal);
        Assert.Contains("snakepit.python.call.stop carried unknown field 'toknes' in measurements once", report, StringComparison.Ordinal);
        Assert.Contains("14 lines", report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_required_field_is_counted_as_unknown_and_the_drop_names_the_missing_field()
    {
        var drops = new List<DroppedLine>();
        var reader = new WorkerTelemetryReader(new MyappEvents.Decoder(), Worker) { OnDropped = drops.Add };

        Assert.Equal(FoldResult.MissingField, reader.Fold("TELEMETRY:{\"event\":\"request.stop\",\"measurements\":{\"duraton\":5}," + Request + "}}"));

        var unknown = Assert.Single(reader.UnknownFields());
        Assert.Equal("duraton", unknown.Field);
        var drop = Assert.Single(drops);
        Assert.Equal(FoldResult.MissingField, drop.Reason);
        Assert.Equal(1, drop.LineNumber);
        Assert.Equal("myapp.request.stop", drop.Event);
        Assert.Equal("duration", drop.Field);
    }

    [Fact]
    public void An_escaped_field_name_is_counted_by_its_text()
    {
        var reader = new WorkerTelemetryReader(new MyappEvents.Decoder(), Worker);

        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"request.stop\",\"measurements\":{\"duration\":5,\"t\\u00f6kens\":1,\"t\u00f6kens\":2}," + Request + "}}"));

        var unknown = Assert.Single(reader.UnknownFields());
        Assert.Equal("t\u00f6kens", unknown.Field);
        Assert.Equal(2, unknown.Count);
    }

    [Fact]
    public void Distinct_unknown_fields_are_capped_and_what_is_past_the_cap_is_counted_as_untracked()
    {
        var reader = new WorkerTelemetryReader(new MyappEvents.Decoder(), Worker);
        var max = WorkerTelemetryReader.MaxUnknownFields;
        for (var i = 0; i < max + 50; i++)
        {
            Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"request.stop\",\"measurements\":{\"duration\":5,\"f" + i + "\":1}," + Request + "}}"));
        }

        // A field already tracked is still counted; a name longer than the longest kept is untracked.
        reader.Fold("TELEMETRY:{\"event\":\"request.stop\",\"measurements\":{\"duration\":5,\"f0\":1}," + Request + "}}");
        var fresh = new WorkerTelemetryReader(new MyappEvents.Decoder(), Worker);
        fresh.Fold("TELEMETRY:{\"event\":\"request.stop\",\"measurements\":{\"duration\":5,\"" + new string('x', WorkerTelemetryReader.MaxUnknownFieldNameLength + 1) + "\":1}," + Request + "}}");

        var unknown = reader.UnknownFields();
        Assert.Equal(max, unknown.Count);
        Assert.Equal(2, unknown.Single(u => u.Field == "f0").Count);
        Assert.Equal(50, reader.UntrackedUnknownFields);
        Assert.Contains("50 more", reader.Report(), StringComparison.Ordinal);
        Assert.Empty(fresh.UnknownFields());
        Assert.Equal(1, fresh.UntrackedUnknownFields);
    }

    [Fact]
    public async Task Every_dropped_line_is_observed_with_its_reason_number_event_and_field()
    {
        var drops = new List<DroppedLine>();
        var reader = new WorkerTelemetryReader(new MyappEvents.Decoder(), Worker) { MaxLineLength = 200, OnDropped = drops.Add };
        var lines = new[]
        {
            "worker started",
            "TELEMETRY:{\"event\":\"request.stop\",\"measurements\":{\"duration\":5}," + Request + "}}",
            "TELEMETRY:{\"event\":\"request.stop\",\"measurements\":{\"duration\":\"5\"}," + Request + "}}",
            "TELEMETRY:{\"event\":\"request.stpo\",\"measurements\":{}}",
            "TELEMETRY:{\"event\":\"request.stop\",\"measurements\":{",
            "TELEMETRY:{\"measurements\":{}}",
            "TELEMETRY:{\"event\":\"cache.lookup\",\"measurements\":{\"latency\":1,\"size\":-Infinity},\"metadata\":{\"key\":\"k\",\"hit\":true}}",
            "TELEMETRY:{\"event\":\"job.done\",\"measurements\":{\"score\":1,\"items\":2},\"metadata\":{\"priority\":\"urgent\",\"retried\":false}}",
            "TELEMETRY:{\"event\":\"cache.lookup\",\"measurements\":" + new string(' ', 200) + "}",
            "TELEMETRY:{\"event\":\"request.stop\",\"timestamp_ns\":\"now\"}",
            "done",
        };

        await reader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(string.Join("\n", lines)), 7), null, CancellationToken.None);

        Assert.Equal(
            new[]
            {
                new DroppedLine(FoldResult.WrongType, 3, "myapp.request.stop", "duration"),
                new DroppedLine(FoldResult.UnknownEvent, 4, "request.stpo", null),
                new DroppedLine(FoldResult.Malformed, 5, "request.stop", null),
                new DroppedLine(FoldResult.MissingField, 6, null, "event"),
                new DroppedLine(FoldResult.NotFinite, 7, "cache.lookup", null),
                new DroppedLine(FoldResult.OutOfRange, 8, "myapp.job.done", "priority"),
                new DroppedLine(FoldResult.TooLong, 9, null, null),
                new DroppedLine(FoldResult.WrongType, 10, "request.stop", "timestamp_ns"),
            },
            drops);
        Assert.Equal(reader.Dropped, drops.Count);
        Assert.Equal("line 3: WrongType (event 'myapp.request.stop', field 'duration')", drops[0].ToString());
        Assert.Equal("line 9: TooLong", drops[6].ToString());
    }

    [Fact]
    public void A_drop_callback_that_throws_never_breaks_folding_and_is_counted()
    {
        var calls = 0;
        var reader = new WorkerTelemetryReader(new MyappEvents.Decoder(), Worker);
        reader.OnDropped = d =>
        {
            calls++;
            throw (calls % 3) switch
            {
                0 => new InvalidOperationException("boom"),
                1 => new StackOverflowLikeException(),
                _ => new JsonException("looks like ours"),
            };
        };

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(FoldResult.UnknownEvent, reader.Fold("TELEMETRY:{\"event\":\"nope\"}"));
            Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"request.stop\",\"measurements\":{\"duration\":5}," + Request + "}}"));
        }

        Assert.Equal(6, calls);
        Assert.Equal(6, reader.OnDroppedFailures);
        Assert.Equal(6, reader.Count(FoldResult.UnknownEvent));
        Assert.Equal(6, reader.Count(FoldResult.Folded));
    }

    [Fact]
    public void A_drop_callback_may_fold_on_the_same_reader()
    {
        var drops = new List<DroppedLine>();
        var reader = new WorkerTelemetryReader(new MyappEvents.Decoder(), Worker);
        reader.OnDropped = d =>
        {
            drops.Add(d);
            if (d.LineNumber == 1)
            {
                reader.Fold("TELEMETRY:{\"event\":\"request.stop\",\"measurements\":{}," + Request + "}}");
            }
        };

        reader.Fold("TELEMETRY:{\"event\":\"nope\"}");

        Assert.Equal(new[] { new DroppedLine(FoldResult.UnknownEvent, 1, "nope", null), new DroppedLine(FoldResult.MissingField, 2, "myapp.request.stop", "duration") }, drops);
    }

    [Fact]
    public void A_decoder_generated_before_these_features_still_folds_and_drops_without_a_field()
    {
        var drops = new List<DroppedLine>();
        var reader = new WorkerTelemetryReader(new OldStyleDecoder(), Worker) { OnDropped = drops.Add };

        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"ping\",\"measurements\":{\"n\":1,\"extra\":2}}"));
        Assert.Equal(FoldResult.MissingField, reader.Fold("TELEMETRY:{\"event\":\"old.ping\",\"measurements\":{}}"));

        Assert.Empty(reader.UnknownFields());
        Assert.Equal(new[] { new DroppedLine(FoldResult.MissingField, 2, "old.ping", null) }, drops);
    }

    [Fact]
    public void A_decoder_used_without_a_reader_ignores_unknown_fields_as_before()
    {
        var json = Encoding.UTF8.GetBytes("{\"event\":\"request.stop\",\"measurements\":{\"duration\":5,\"toknes\":1}," + Request + "}}");
        Assert.Equal(FoldResult.Folded, new MyappEvents.Decoder().Decode(json, Worker));
    }

    /// <summary>What a decoder generated before unknown fields were counted looks like: SkipValue and bare results.</summary>
    private sealed class OldStyleDecoder : TelemetryDecoder
    {
        public OldStyleDecoder()
            : base("old")
        {
        }

        protected override FoldResult DecodeEvent(ReadOnlySpan<byte> eventName, in TelemetryLine line, WorkerContext context)
        {
            if (!eventName.SequenceEqual("ping"u8))
            {
                return FoldResult.UnknownEvent;
            }

            var found = false;
            var reader = line.Measurements();
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("n"u8))
                {
                    var x = ReadInt64(ref reader, out _, out found);
                    if (x != FoldResult.Folded)
                    {
                        return x;
                    }
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            return found ? FoldResult.Folded : FoldResult.MissingField;
        }
    }

    private sealed class StackOverflowLikeException : Exception
    {
        public override string Message => throw new InvalidOperationException("even the message throws");
    }
}
