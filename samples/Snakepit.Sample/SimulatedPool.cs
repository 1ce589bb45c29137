using System;
using System.Threading;
using Sample.Telemetry;
using Snakepit.Telemetry.Events;

namespace Sample;

/// <summary>
/// A stand-in for a Snakepit pool: it emits the events a real pool would, through the generated emitters and spans.
/// Deterministic (seeded), and fast: slow calls are reported with the duration a Python worker measured.
/// </summary>
public sealed class SimulatedPool
{
    private readonly Random _random = new(42);
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

            // Every tenth call, a worker reports a call it measured itself as slow (folded from Python telemetry).
            if (i % 10 == 9)
            {
                SnakepitEvents.PythonCallStop(TimeSpan.FromMilliseconds(1000 + _random.Next(200, 2500)), _name, worker, "dspy.train", correlationId + "-py", PythonCallStopResult.Success);
            }

            request.Stop(command == "dspy.predict" ? RequestStopRequestType.Predict : RequestStopRequestType.Forward);

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
}
