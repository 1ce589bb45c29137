using System;
using System.Collections.Generic;
using System.Text.Json;
using Snakepit.Telemetry.Events;

namespace Snakepit.Telemetry.Benchmarks;

/// <summary>
/// The hand-written mapping from <see cref="WireLine"/> to the generated emitters, for the events of the benchmark's
/// mix: what the decoder replaces. The worker's pool and id come from the context, as in the decoder; the node is the
/// host's (the emitters take common metadata from <see cref="SnakepitEvents.CommonMetadata"/>).
/// </summary>
internal static class WireLineEmitter
{
    public static void Emit(WireLine line, WorkerContext context)
    {
        var m = line.Measurements ?? Empty;
        var d = line.Metadata ?? Empty;
        switch (line.Event)
        {
            case "python.call.start":
                SnakepitEvents.PythonCallStart(Timestamp(line.TimestampNs ?? 0), context.PoolName, context.WorkerId, d["command"].GetString()!, d["correlation_id"].GetString()!, requestSize: Optional(m, "request_size"));
                break;
            case "python.call.stop":
                SnakepitEvents.PythonCallStop(TimeSpan.FromTicks(m["duration"].GetInt64() / 100), context.PoolName, context.WorkerId, d["command"].GetString()!, d["correlation_id"].GetString()!, PythonCallStopResult.Success, responseSize: Optional(m, "response_size"));
                break;
            case "python.call.exception":
                SnakepitEvents.PythonCallException(TimeSpan.FromTicks(m["duration"].GetInt64() / 100), context.PoolName, context.WorkerId, d["command"].GetString()!, d["correlation_id"].GetString()!, d["error_type"].GetString()!, ErrorCategory.PythonError);
                break;
            case "python.gc.completed":
                SnakepitEvents.PythonGcCompleted(TimeSpan.FromTicks((long)(m["duration"].GetDouble() * 10)), m["collected"].GetInt64(), m["generation"].GetInt64(), context.WorkerId);
                break;
            case "python.memory.sampled":
                SnakepitEvents.PythonMemorySampled(m["rss_bytes"].GetInt64(), m["vms_bytes"].GetInt64(), Timestamp(line.TimestampNs ?? 0), context.PoolName, context.WorkerId, d["python_pid"].GetInt64());
                break;
        }
    }

    private static readonly Dictionary<string, JsonElement> Empty = new();

    private static long? Optional(Dictionary<string, JsonElement> values, string key) =>
        values.TryGetValue(key, out var value) ? value.GetInt64() : null;

    private static DateTimeOffset Timestamp(long nanoseconds) => new(621_355_968_000_000_000 + (nanoseconds / 100), TimeSpan.Zero);
}
