using System;
using System.Collections.Generic;
using System.Threading;
using Sample.Telemetry;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Sample;

/// <summary>
/// A stand-in for a Snakepit pool: it emits the events a real pool would, through the generated emitters and spans.
/// Deterministic (seeded), and fast: slow calls are reported with the duration a Python worker measured.
/// </summary>
public sealed class SimulatedPool
{
    private readonly Random _random = new(42);
    private readonly SnakepitEvents.Decoder _decoder = new();
    private readonly Dictionary<string, WorkerTelemetryReader> _readers = new();
    private readonly string _name;
    private readonly int _size;

    public SimulatedPool(string name, int size)
    {
        _name = name;
        _size = size;
    }

    public void Run(int requests)
    {
        SnakepitEvents.PoolInitialized(TimeSpan.FromMilliseconds(850), DateTimeOffset.UtcNow, _name, _size, "Snakepit.Adapters.GRPCPython", "grpc_server.py");

        for (var i = 0; i < requests; i++)
        {
            var worker = $"{_name}_worker_{i % _size}";
            var correlationId = $"req-{i:D4}";
            var command = i % 3 == 0 ? "dspy.predict" : "dspy.forward";

            // The application's own span around the request.
            var request = MyappEvents.StartRequest($"user-{i % 7}", command == "dspy.predict" ? RequestStartRequestType.Predict : RequestStartRequestType.Forward);

            // A Python call measured by a span: start, a little real work, stop.
            var call = SnakepitEvents.StartPythonCall(_name, worker, command, correlationId, requestSize: 512 + i);
            Thread.SpinWait(2_000);
            if (i % 25 == 24)
            {
                call.Exception("TimeoutError", ErrorCategory.Timeout);
            }
            else
            {
                call.Stop(PythonCallStopResult.Success, responseSize: 2048);
            }

            // Every tenth call, a worker reports a call it measured itself as slow: the line its Python process writes on
            // stderr, folded into the typed event with the worker's node, pool and id (samples/Snakepit.Sample.Python
            // does this with real python3 processes).
            if (i % 10 == 9)
            {
                var nanoseconds = (1000L + _random.Next(200, 2500)) * 1_000_000;
                var line = $"TELEMETRY:{{\"event\":\"python.call.stop\",\"measurements\":{{\"duration\":{nanoseconds}}},\"metadata\":{{\"command\":\"dspy.train\",\"correlation_id\":\"{correlationId}-py\",\"result\":\"success\"}}}}";
                ReaderOf(worker).Fold(line);
            }

            request.Stop();   // request_type carries over from the start

            // Periodic pool status: the queue builds up in the middle of the run.
            if (i % 5 == 0)
            {
                var queueDepth = (long)(80 * Math.Sin(Math.PI * i / requests)) + _random.Next(0, 5);
                var busy = Math.Min(_size, 1 + (int)(queueDepth / 10));
                SnakepitEvents.PoolStatus(_size - busy, busy, queueDepth, _size, _name);
            }

            // A worker that keeps crashing.
            if (i % 12 == 11)
            {
                SnakepitEvents.PoolWorkerRestarted(TimeSpan.FromMilliseconds(300), restartCount: i / 12 + 1, _name, $"{_name}_worker_3", $"{4000 + i}", $"{5000 + i}", "segfault in native extension");
            }
        }
    }

    /// <summary>One reader per worker: it knows the worker's node, pool and id, and counts what the worker wrote.</summary>
    private WorkerTelemetryReader ReaderOf(string worker)
    {
        if (!_readers.TryGetValue(worker, out var reader))
        {
            reader = new WorkerTelemetryReader(_decoder, new WorkerContext(SnakepitEvents.CommonMetadata.Node, _name, worker));
            _readers.Add(worker, reader);
        }

        return reader;
    }
}
