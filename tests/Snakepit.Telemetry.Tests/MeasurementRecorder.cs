using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;

namespace Snakepit.Telemetry.Tests;

/// <summary>One measurement a <see cref="MeterListener"/> saw: instrument, value and tags.</summary>
public sealed record Measured(Instrument Instrument, object Value, IReadOnlyDictionary<string, object?> Tags);

/// <summary>
/// Listens to the instruments of one meter whose names pass a filter, and keeps every measurement (value boxed,
/// tags copied), so tests can assert what the generated emitters recorded.
/// </summary>
public sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    public MeasurementRecorder(string meterName, Func<string, bool>? instruments = null)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && (instruments?.Invoke(instrument.Name) ?? true))
            {
                Published.Add(instrument);
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.Start();
    }

    public ConcurrentBag<Instrument> Published { get; } = new();

    public IReadOnlyList<Measured> Of(string instrument) => _measured.Where(m => m.Instrument.Name == instrument).ToList();

    public void Dispose() => _listener.Dispose();

    private void Keep(Instrument instrument, object value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measured.Enqueue(new Measured(instrument, value, copy));
    }
}
