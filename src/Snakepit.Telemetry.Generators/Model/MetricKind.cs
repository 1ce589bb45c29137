namespace Snakepit.Telemetry.Generators.Model;

/// <summary>The metric kinds of the catalog, in Telemetry.Metrics terms.</summary>
internal enum MetricKind
{
    /// <summary>Counts events: a <c>Counter&lt;long&gt;</c> incremented by one.</summary>
    Counter,

    /// <summary>Adds up a measurement: a <c>Counter&lt;T&gt;</c>.</summary>
    Sum,

    /// <summary>Keeps the latest value of a measurement: a <c>Gauge&lt;T&gt;</c>.</summary>
    LastValue,

    /// <summary>Records a measurement into a histogram with the exporter's default buckets.</summary>
    Summary,

    /// <summary>Records a measurement into a histogram with the catalog's explicit buckets.</summary>
    Distribution,
}
