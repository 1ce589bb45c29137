using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C17;

/// <summary>The metrics sink a forwarder writes to (an exporter, a StatsD client...).</summary>
public interface IMetricSink
{
    void Record(string name, double value, string? unit);
}

/// <summary>Forwards every numeric measurement under snakepit.pool.* to a sink, reading any event without boxing.</summary>
[TelemetryHandler("myapp-pool-forwarder")]
public sealed partial class PoolMetricsForwarder
{
    private readonly IMetricSink _sink;

    public PoolMetricsForwarder(IMetricSink sink) => _sink = sink;

    [OnEvent("snakepit.pool.*")]
    private void Forward<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent
    {
        for (var i = 0; i < e.MeasurementCount; i++)
        {
            var field = e.GetMeasurement(i);
            if (field.Value.TryGetNumber(out var number))
            {
                _sink.Record(e.EventName + "." + field.Name, number, field.Unit);
            }
        }
    }
}
