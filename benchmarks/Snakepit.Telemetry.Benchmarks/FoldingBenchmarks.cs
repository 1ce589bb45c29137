using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Snakepit.Telemetry.Events;

namespace Snakepit.Telemetry.Benchmarks;

/// <summary>
/// Folding a realistic mix of worker lines (call start/stop pairs, some exceptions, collections, memory samples, log
/// lines) into typed handlers: the generated decoder through <see cref="WorkerTelemetryReader"/>, against
/// System.Text.Json's source-generated deserialisation into a DTO followed by the generated emitter (what a user would
/// write without the decoder). One operation is one line (<c>OperationsPerInvoke</c>), so the mean is time per line
/// and "Allocated" is bytes per line.
/// </summary>
[MemoryDiagnoser]
public class FoldingBenchmarks
{
    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes("TELEMETRY:");
    private readonly WorkerContext _context = new("node-a", "default", "default_worker_1");
    private byte[][] _lines = Array.Empty<byte[]>();
    private WorkerTelemetryReader _reader = null!;
    private long _seen;

    [GlobalSetup]
    public void Setup()
    {
        _lines = FoldingMix.Lines(FoldingMix.Size).Select(Encoding.UTF8.GetBytes).ToArray();
        _reader = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), _context);
        TelemetryHub.Default.Attach<PythonCallStart>("bench-start", (in PythonCallStart e) => _seen++);
        TelemetryHub.Default.Attach<PythonCallStop>("bench-stop", (in PythonCallStop e) => _seen += e.Duration.Ticks);
        TelemetryHub.Default.Attach<PythonCallException>("bench-exception", (in PythonCallException e) => _seen++);
        TelemetryHub.Default.Attach<PythonGcCompleted>("bench-gc", (in PythonGcCompleted e) => _seen++);
        TelemetryHub.Default.Attach<PythonMemorySampled>("bench-memory", (in PythonMemorySampled e) => _seen += e.RssBytes);

        // Both paths must deliver the same events, or the comparison means nothing.
        var before = _seen;
        Decoder();
        var decoded = _seen - before;
        before = _seen;
        SystemTextJson();
        if (_seen - before != decoded)
        {
            throw new InvalidOperationException($"The two paths disagree: decoder {decoded}, System.Text.Json {_seen - before}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var id in new[] { "bench-start", "bench-stop", "bench-exception", "bench-gc", "bench-memory" })
        {
            TelemetryHub.Default.Detach(id);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = FoldingMix.Size)]
    public void SystemTextJson()
    {
        foreach (var line in _lines)
        {
            if (!line.AsSpan().StartsWith(Prefix))
            {
                continue;
            }

            var wire = JsonSerializer.Deserialize(line.AsSpan(Prefix.Length), WireLineContext.Default.WireLine);
            if (wire is not null)
            {
                WireLineEmitter.Emit(wire, _context);
            }
        }
    }

    [Benchmark(OperationsPerInvoke = FoldingMix.Size)]
    public void Decoder()
    {
        foreach (var line in _lines)
        {
            _reader.Fold(line);
        }
    }
}
