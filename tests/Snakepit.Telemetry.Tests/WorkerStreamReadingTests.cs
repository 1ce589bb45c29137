using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipes;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary><see cref="WorkerTelemetryReader.ReadAsync"/>: splitting a worker's stderr into lines, whatever the reads.</summary>
[Collection(DefaultHubCollection.Name)]
public sealed class WorkerStreamReadingTests : IDisposable
{
    private static readonly WorkerContext Worker = new("node-b", "gpu", "worker-3");

    private readonly List<int> _queueDepths = new();

    public WorkerStreamReadingTests()
    {
        TelemetryHub.Default.Attach<PoolStatus>("stream-reading", (in PoolStatus e) => _queueDepths.Add((int)e.QueueDepth));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Telemetry_is_folded_and_every_other_line_reaches_the_log_callback_in_order(int chunk)
    {
        var text = "starting worker\n" + Status(1) + "\r\n" + "Traceback (most recent call last):\r\n" + "\n" + Status(2) + "\n" +
            "TELEMETRY:{broken\n" + "caf\u00e9 \u2603\n" + Status(3);
        var logs = new List<string>();
        var reader = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), Worker);

        await reader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(text), chunk), logs.Add, CancellationToken.None);

        Assert.Equal(new[] { "starting worker", "Traceback (most recent call last):", "", "caf\u00e9 \u2603" }, logs);
        Assert.Equal(new[] { 1, 2, 3 }, _queueDepths);
        Assert.Equal(3, reader.Count(FoldResult.Folded));
        Assert.Equal(4, reader.Count(FoldResult.NotTelemetry));
        Assert.Equal(1, reader.Count(FoldResult.Malformed));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(100_000)]
    public async Task A_line_over_the_maximum_is_dropped_or_cut_and_reading_goes_on_with_the_next_line(int chunk)
    {
        var reader = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), Worker) { MaxLineLength = 200 };
        var longTelemetry = "TELEMETRY:{\"event\":\"pool.status\",\"x\":\"" + new string('a', 5000) + "\"}";
        var longLog = new string('b', 5000);
        var exactly = new string('c', 200);
        var text = longTelemetry + "\n" + Status(1) + "\n" + longLog + "\r\n" + exactly + "\r\n" + Status(2) + "\n" + longTelemetry;
        var logs = new List<string>();

        await reader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(text), chunk), logs.Add, CancellationToken.None);

        Assert.Equal(new[] { new string('b', 200), exactly }, logs);
        Assert.Equal(new[] { 1, 2 }, _queueDepths);
        Assert.Equal(3, reader.Count(FoldResult.TooLong));
        Assert.Equal(2, reader.Count(FoldResult.Folded));
        Assert.Equal(3, reader.Dropped);
    }

    [Fact]
    public async Task A_large_maximum_reads_long_lines_by_growing_the_buffer_and_agrees_with_Fold_on_line_breaks()
    {
        var reader = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), Worker) { MaxLineLength = WorkerTelemetryReader.LargestMaxLineLength };
        var big = new string('b', 300_000);
        var logs = new List<string>();

        await reader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(big + "\n" + Status(4) + "\r\n"), 65_536), logs.Add, CancellationToken.None);

        Assert.Equal(new[] { big }, logs);
        Assert.Equal(new[] { 4 }, _queueDepths);

        var small = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), Worker) { MaxLineLength = 64 };
        var exact = new string('c', 64);
        logs.Clear();
        await small.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(exact + "\r\n" + exact + "\r\r\n")), logs.Add, CancellationToken.None);
        Assert.Equal(new[] { exact, exact }, logs);
        Assert.Equal(1, small.Count(FoldResult.TooLong));
        Assert.Equal(1, small.Count(FoldResult.NotTelemetry));
    }

    [Fact]
    public async Task Invalid_utf8_in_a_log_line_becomes_replacement_characters_and_in_a_telemetry_line_is_dropped()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("bad "));
        bytes.Add(0xFF);
        bytes.Add((byte)'\n');
        bytes.AddRange(Encoding.UTF8.GetBytes("TELEMETRY:{\"event\":\"pool.status\",\"x\":\""));
        bytes.Add(0xC0);
        bytes.AddRange(Encoding.UTF8.GetBytes("\"}\n"));
        var logs = new List<string>();
        var reader = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), Worker);

        await reader.ReadAsync(new MemoryStream(bytes.ToArray()), logs.Add, CancellationToken.None);

        Assert.Equal(new[] { "bad \uFFFD" }, logs);
        Assert.Equal(1, reader.Count(FoldResult.InvalidUtf8));
    }

    [Fact]
    public async Task A_null_log_callback_drops_log_lines_but_counts_them()
    {
        var reader = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), Worker);
        await reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("a\nb\n" + Status(5) + "\n")), null, CancellationToken.None);

        Assert.Equal(2, reader.Count(FoldResult.NotTelemetry));
        Assert.Equal(new[] { 5 }, _queueDepths);
    }

    [Fact]
    public async Task Reading_a_live_pipe_folds_each_line_as_it_arrives_and_stops_when_cancelled()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.In);
        using var client = new AnonymousPipeClientStream(PipeDirection.Out, server.ClientSafePipeHandle);
        var reader = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), Worker);
        var lines = new SemaphoreSlim(0);
        var logs = new List<string>();
        using var cancel = new CancellationTokenSource();

        var reading = reader.ReadAsync(server, line =>
        {
            logs.Add(line);
            lines.Release();
        }, cancel.Token);

        // Handshake: each log line is seen before the next is written, so the first is handed on without waiting for more.
        await WriteAsync(client, Status(7) + "\nfirst\n");
        Assert.True(await lines.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(new[] { 7 }, _queueDepths);
        await WriteAsync(client, "second\n");
        Assert.True(await lines.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(new[] { "first", "second" }, logs);

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    [Fact]
    public async Task The_end_of_the_stream_ends_the_read()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.In);
        var reader = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), Worker);
        var logs = new List<string>();
        var reading = reader.ReadAsync(server, logs.Add, CancellationToken.None);

        using (var client = new AnonymousPipeClientStream(PipeDirection.Out, server.ClientSafePipeHandle))
        {
            await WriteAsync(client, "last words without a newline");
        }

        server.DisposeLocalCopyOfClientHandle();
        await reading.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new[] { "last words without a newline" }, logs);
    }

    private static async Task WriteAsync(Stream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    private static string Status(int queueDepth) =>
        "TELEMETRY:{\"event\":\"pool.status\",\"measurements\":{\"available_workers\":1,\"busy_workers\":2,\"queue_depth\":" + queueDepth + ",\"total_workers\":3}}";

    public void Dispose() => TelemetryHub.Default.Detach("stream-reading");
}
