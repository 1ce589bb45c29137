using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C18;

/// <summary>The metrics sink a forwarder writes to (an exporter, a StatsD client...).</summary>
public interface IMetricSink
{
    void Record(string name, double value, string? unit);
}

/// <summary>Forwards every numeric measurement under snakepit.python.* to a sink, reading any event without boxing.</summary>
[TelemetryHandler("myapp-python-forwarder")]
public sealed partial class PythonMetricsForwarder
{
    private readonly IMetricSink _sink;

    public PythonMetricsForwarder(IMetricSink sink) => _sink = sink;

    [OnEvent("snakepit.python.*")]
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
