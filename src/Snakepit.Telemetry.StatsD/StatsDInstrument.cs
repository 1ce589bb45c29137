using System;
using System.Diagnostics.Metrics;
using System.Text;

namespace Snakepit.Telemetry.StatsD;

/// <summary>What the exporter precomputes for one instrument it listens to: the name's bytes and the StatsD type.</summary>
internal sealed class StatsDInstrument
{
    private StatsDInstrument(byte[] name, StatsDMetricType type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The prefix and the instrument name, UTF-8, sanitised.</summary>
    public byte[] Name { get; }

    public StatsDMetricType Type { get; }

    /// <summary>The StatsD view of <paramref name="instrument"/>, or null for a kind StatsD has no type for.</summary>
    public static StatsDInstrument? For(Instrument instrument, string? prefix)
    {
        var type = TypeOf(instrument);
        if (type is null)
        {
            return null;
        }

        var text = string.IsNullOrEmpty(prefix) ? instrument.Name : prefix + "." + instrument.Name;
        var name = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            name[i] = StatsDLineWriter.NameByte(text[i]);
        }

        return new StatsDInstrument(name, type.Value);
    }

    private static StatsDMetricType? TypeOf(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>) || definition == typeof(UpDownCounter<>))
        {
            return StatsDMetricType.Counter;
        }

        if (definition == typeof(Histogram<>))
        {
            return StatsDMetricType.Timer;
        }

        // Gauges, and observable instruments (read at each flush): an observable counter's value is its running total,
        // which StatsD keeps as a gauge (its counters are increments).
        if (definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>) ||
            definition == typeof(ObservableCounter<>) || definition == typeof(ObservableUpDownCounter<>))
        {
            return StatsDMetricType.Gauge;
        }

        return null;
    }

    public override string ToString() => Encoding.ASCII.GetString(Name) + " " + Type;
}

/// <summary>The StatsD metric types the exporter writes.</summary>
internal enum StatsDMetricType
{
    /// <summary><c>|c</c>: an increment.</summary>
    Counter,

    /// <summary><c>|g</c>: the current value.</summary>
    Gauge,

    /// <summary><c>|ms</c>: one sample of a distribution, in the metric's unit.</summary>
    Timer,
}
