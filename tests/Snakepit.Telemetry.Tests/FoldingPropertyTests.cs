using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using CsCheck;
using Snakepit.Telemetry.Events;
using Snakepit.Telemetry.Folding;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// Property runs (CsCheck) over mutated telemetry lines: nothing throws, every line is folded or counted exactly once,
/// the string and byte paths agree. Iterations: SNAKEPIT_PROPERTY_ITERATIONS (default 20,000, bounded for CI).
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class FoldingPropertyTests : IDisposable
{
    private static readonly long Iterations = long.TryParse(Environment.GetEnvironmentVariable("SNAKEPIT_PROPERTY_ITERATIONS"), out var n) ? n : 20_000;

    private static readonly string[] Seeds =
    {
        "TELEMETRY:{\"event\":\"python.call.stop\",\"measurements\":{\"duration\":1500000,\"response_size\":42},\"metadata\":{\"command\":\"predict\",\"correlation_id\":\"c-1\",\"result\":\"success\",\"session_id\":null},\"timestamp_ns\":1700000000000000000}",
        "TELEMETRY:{\"event\":\"python.gc.completed\",\"measurements\":{\"duration\":2.5,\"collected\":12,\"generation\":2},\"metadata\":{\"worker_id\":\"w\"}}",
        "TELEMETRY:{\"event\":\"python.call.exception\",\"measurements\":{\"duration\":10},\"metadata\":{\"command\":\"c\",\"correlation_id\":\"x\",\"error_type\":\"KeyError\",\"error_category\":\"python_error\"}}",
        "TELEMETRY:{\"event\":\"pool.status\",\"measurements\":{\"available_workers\":1,\"busy_workers\":2,\"queue_depth\":3,\"total_workers\":6}}",
        "TELEMETRY:{\"event\":\"python.error.occurred\",\"metadata\":{\"error_type\":\"E\",\"error_message\":\"caf\\u00e9 \\\"q\\\"\"},\"timestamp_ns\":1}",
        "TELEMETRY:{\"event\":\"pool.worker.spawned\",\"measurements\":{\"duration\":5,\"system_time\":0},\"metadata\":{\"worker_pid\":\"12\",\"mode\":\"process\",\"python_port\":50051,\"x\":[[{}]]}}",
    };

    private static readonly byte[] Interesting = Encoding.ASCII.GetBytes("{}[]\":,\\Ne.-01 9Iatnul\n\r").Concat(new byte[] { 0xFF, 0xC3, 0xE2, 0x80 }).ToArray();

    private static readonly Gen<(int Kind, int Position, int Length, byte Value)> Mutation =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 400], Gen.Int[1, 40], Gen.Int[0, Interesting.Length - 1], (kind, position, length, value) => (kind, position, length, Interesting[value]));

    private static readonly Gen<byte[]> MutatedLine =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Mutation.Array[1, 6], (seed, mutations) => Mutate(Encoding.UTF8.GetBytes(Seeds[seed]), mutations));

    private readonly List<string> _ids = new();

    public FoldingPropertyTests()
    {
        // Handlers that read every field, so folded events really go through typed delivery.
        Attach<PythonCallStop>("prop-stop", (in PythonCallStop e) => _ = e.ToString());
        Attach<PythonGcCompleted>("prop-gc", (in PythonGcCompleted e) => _ = e.ToString());
        Attach<PoolStatus>("prop-status", (in PoolStatus e) => _ = e.ToString());
        Attach<PythonErrorOccurred>("prop-error", (in PythonErrorOccurred e) => _ = e.ToString());
    }

    [Fact]
    public void Every_seed_folds()
    {
        var reader = NewReader();
        foreach (var seed in Seeds)
        {
            Assert.Equal(FoldResult.Folded, reader.Fold(seed));
        }
    }

    [Fact]
    public void Mutated_lines_never_throw_and_each_is_counted_once_under_one_reason()
    {
        var reader = NewReader();
        long lines = 0;
        var results = new HashSet<FoldResult>();
        MutatedLine.Sample(line =>
        {
            var result = reader.Fold(line);
            results.Add(result);
            lines++;
            Assert.True(Enum.IsDefined(result), $"undefined result {result}");
            Assert.Equal(lines, Total(reader));
            if (Utf8Validation.IsValidPortable(line) && Array.IndexOf(line, (byte)'\n') < 0 && Array.IndexOf(line, (byte)'\r') < 0)
            {
                // Valid UTF-8 without line breaks reads the same as a string.
                Assert.Equal(result, reader.Fold(Encoding.UTF8.GetString(line)));
                lines++;
            }
        }, iter: Iterations, threads: 1);

        // The mutations reach the decoder's checks, not just the JSON syntax (WrongType and OutOfRange come up in most
        // runs but not all: the theory of WorkerFoldingTests pins them).
        Assert.True(results.IsSupersetOf(new[] { FoldResult.Folded, FoldResult.Malformed, FoldResult.UnknownEvent, FoldResult.MissingField, FoldResult.InvalidUtf8 }), string.Join(", ", results));
    }

    [Fact]
    public void A_stream_of_mutated_lines_is_read_to_its_end_with_every_line_counted()
    {
        MutatedLine.Array[1, 40].Sample(batch =>
        {
            var reader = NewReader();
            reader.MaxLineLength = 300;
            var text = batch.SelectMany(line => line.Append((byte)'\n')).ToArray();
            var expectedLines = text.Count(b => b == (byte)'\n');
            var logs = 0;

            reader.ReadAsync(new TrickleStream(text, 1 + (text.Length % 97)), _ => logs++, CancellationToken.None).GetAwaiter().GetResult();

            Assert.Equal(expectedLines, Total(reader));
            Assert.True(logs <= reader.Count(FoldResult.NotTelemetry) + reader.Count(FoldResult.TooLong));
        }, iter: Math.Max(1, Iterations / 20), threads: 1);
    }

    [Fact]
    public void The_portable_utf8_validation_agrees_with_dotnets()
    {
        var bytes = Gen.Frequency((3, Gen.Byte), (1, Gen.Int[0, Interesting.Length - 1].Select(i => Interesting[i])), (1, Gen.Byte[0x80, 0xBF]), (1, Gen.Byte[0xED, 0xF5]));
        bytes.Array[0, 12].Sample(
            data => Assert.Equal(System.Text.Unicode.Utf8.IsValid(data), Utf8Validation.IsValidPortable(data)),
            iter: Iterations * 5);
    }

    private static long Total(WorkerTelemetryReader reader) =>
        Enum.GetValues<FoldResult>().Sum(reader.Count);

    private static WorkerTelemetryReader NewReader() => new(new SnakepitEvents.Decoder(), new WorkerContext("n", "p", "w"));

    private static byte[] Mutate(byte[] line, (int Kind, int Position, int Length, byte Value)[] mutations)
    {
        var bytes = new List<byte>(line);
        foreach (var (kind, position, length, value) in mutations)
        {
            var at = bytes.Count == 0 ? 0 : position % (bytes.Count + 1);
            var count = Math.Min(length, bytes.Count - at);
            switch (kind)
            {
                case 0 when at < bytes.Count:
                    bytes[at] = value;
                    break;
                case 1:
                    bytes.Insert(at, value);
                    break;
                case 2:
                    bytes.RemoveRange(at, count);
                    break;
                case 3:
                    bytes.InsertRange(at, bytes.GetRange(at, count));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    // Swap two digits' worth of text: numbers into strings and back.
                    if (count > 1)
                    {
                        bytes.Reverse(at, count);
                    }

                    break;
            }
        }

        return bytes.ToArray();
    }

    private void Attach<TEvent>(string id, TelemetryCallback<TEvent> callback)
        where TEvent : struct, ITelemetryEvent
    {
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
