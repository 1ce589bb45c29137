using System;
using System.Collections.Generic;
using System.Linq;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace PythonSample;

/// <summary>
/// What the guide's handlers look at, per worker: calls and their time, exceptions by type, collections and memory.
/// Workers are read concurrently, so the state is under a lock; it is bounded by the pool's size (worker ids).
/// </summary>
[TelemetryHandler("python-call-stats")]
public sealed partial class PythonCallStats
{
    private readonly object _gate = new();
    private readonly Dictionary<string, WorkerStats> _workers = new();

    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
        lock (_gate)
        {
            var stats = Of(e.WorkerId, e.Node, e.PoolName);
            stats.Calls++;
            stats.CallTime += e.Duration;
            stats.Slowest = e.Duration > stats.Slowest ? e.Duration : stats.Slowest;
        }
    }

    [OnEvent("snakepit.python.call.exception")]
    private void OnException(in PythonCallException e)
    {
        lock (_gate)
        {
            var stats = Of(e.WorkerId, e.Node, e.PoolName);
            stats.Errors[e.ErrorType] = stats.Errors.TryGetValue(e.ErrorType, out var count) ? count + 1 : 1;
        }
    }

    [OnEvent("snakepit.python.gc.completed")]
    private void OnGc(in PythonGcCompleted e)
    {
        lock (_gate)
        {
            var stats = Of(e.WorkerId, e.Node, null);
            stats.Collections++;
            stats.GcTime += e.Duration;
        }
    }

    [OnEvent("snakepit.python.memory.sampled")]
    private void OnMemory(in PythonMemorySampled e)
    {
        lock (_gate)
        {
            Of(e.WorkerId, e.Node, e.PoolName).RssBytes = e.RssBytes;
        }
    }

    /// <summary>One line per worker, in worker order.</summary>
    public IReadOnlyList<string> Report()
    {
        lock (_gate)
        {
            return _workers.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => w.Value.ToString()).ToList();
        }
    }

    private WorkerStats Of(string workerId, string node, string? pool)
    {
        if (!_workers.TryGetValue(workerId, out var stats))
        {
            stats = new WorkerStats(workerId, node);
            _workers.Add(workerId, stats);
        }

        stats.Pool ??= pool;
        return stats;
    }

    private sealed class WorkerStats
    {
        public WorkerStats(string workerId, string node)
        {
            WorkerId = workerId;
            Node = node;
        }

        public string WorkerId { get; }

        public string Node { get; }

        public string? Pool { get; set; }

        public long Calls { get; set; }

        public TimeSpan CallTime { get; set; }

        public TimeSpan Slowest { get; set; }

        public Dictionary<string, int> Errors { get; } = new();

        public long Collections { get; set; }

        public TimeSpan GcTime { get; set; }

        public long RssBytes { get; set; }

        public override string ToString() =>
            $"{WorkerId} on {Node} (pool {Pool}): {Calls} calls, mean {Mean(CallTime, Calls):F2} ms, slowest {Slowest.TotalMilliseconds:F2} ms; " +
            $"errors {(Errors.Count == 0 ? "none" : string.Join(", ", Errors.Select(e => $"{e.Key} x{e.Value}")))}; " +
            $"{Collections} collections, {GcTime.TotalMilliseconds:F2} ms; rss {RssBytes / (1024 * 1024.0):F1} MiB";

        private static double Mean(TimeSpan total, long count) => count == 0 ? 0 : total.TotalMilliseconds / count;
    }
}
