namespace Snakepit.Telemetry.StatsD;

/// <summary>How tags are written.</summary>
public enum StatsDFormat
{
    /// <summary>
    /// Plain StatsD, as telemetry_metrics_statsd's standard formatter writes it: the tag values appended to the name in
    /// the order the metric declares its tags (<c>snakepit.python.call.stop.count.node-a.default:1|c</c>), each value
    /// sanitised to <c>[A-Za-z0-9_-]</c>.
    /// </summary>
    Standard,

    /// <summary>DogStatsD: the name alone, the tags after <c>|#</c> (<c>snakepit.python.call.stop.count:1|c|#node:node-a,pool_name:default</c>).</summary>
    DogStatsD,
}
