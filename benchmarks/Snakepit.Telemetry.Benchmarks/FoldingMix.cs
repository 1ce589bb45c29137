using System;
using System.Collections.Generic;
using System.Globalization;

namespace Snakepit.Telemetry.Benchmarks;

/// <summary>
/// A realistic stderr of a busy worker, in the format samples/python/snakepit_telemetry.py writes: per call a start and
/// a stop (one in ten an exception), a collection every tenth call, a memory sample every 25th, a log line every 20th.
/// </summary>
internal static class FoldingMix
{
    public const int Size = 1000;

    public static List<string> Lines(int count)
    {
        var lines = new List<string>(count);
        var random = new Random(7);
        var ns = 1_795_000_000_000_000_000L;
        for (var call = 0; lines.Count < count; call++)
        {
            var command = call % 3 == 0 ? "predict" : "embed";
            var correlation = "w1-" + call.ToString("D6", CultureInfo.InvariantCulture);
            ns += random.Next(1_000, 1_000_000);
            lines.Add($"TELEMETRY:{{\"event\":\"python.call.start\",\"measurements\":{{\"request_size\":{64 + (call % 512)}}},\"metadata\":{{\"command\":\"{command}\",\"correlation_id\":\"{correlation}\"}},\"timestamp_ns\":{ns}}}");
            var duration = random.Next(50_000, 5_000_000);
            ns += duration;
            if (call % 10 == 9)
            {
                lines.Add($"TELEMETRY:{{\"event\":\"python.call.exception\",\"measurements\":{{\"duration\":{duration}}},\"metadata\":{{\"command\":\"{command}\",\"correlation_id\":\"{correlation}\",\"error_category\":\"python_error\",\"error_type\":\"KeyError\"}},\"timestamp_ns\":{ns}}}");
            }
            else
            {
                lines.Add($"TELEMETRY:{{\"event\":\"python.call.stop\",\"measurements\":{{\"duration\":{duration},\"response_size\":{random.Next(16, 4096)}}},\"metadata\":{{\"command\":\"{command}\",\"correlation_id\":\"{correlation}\",\"result\":\"success\"}},\"timestamp_ns\":{ns}}}");
            }

            if (call % 10 == 4)
            {
                lines.Add($"TELEMETRY:{{\"event\":\"python.gc.completed\",\"measurements\":{{\"duration\":{random.Next(100, 9000)}.{random.Next(0, 999):D3},\"collected\":{random.Next(0, 500)},\"generation\":{call % 3}}},\"metadata\":{{}},\"timestamp_ns\":{ns}}}");
            }

            if (call % 25 == 0)
            {
                lines.Add($"TELEMETRY:{{\"event\":\"python.memory.sampled\",\"measurements\":{{\"rss_bytes\":{random.Next(10_000_000, 900_000_000)},\"vms_bytes\":{random.Next(900_000_000, int.MaxValue)}}},\"metadata\":{{\"python_pid\":4242}},\"timestamp_ns\":{ns}}}");
            }

            if (call % 20 == 0)
            {
                lines.Add($"INFO worker 1 handled batch {call / 20}");
            }
        }

        lines.RemoveRange(count, lines.Count - count);
        return lines;
    }
}
