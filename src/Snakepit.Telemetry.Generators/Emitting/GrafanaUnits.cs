namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>Grafana's unit ids for the catalog's units (UCUM, as the Meter instruments carry them).</summary>
internal static class GrafanaUnits
{
    /// <summary>The unit of a recorded value: <c>ms</c>, <c>s</c>, <c>bytes</c>, <c>percent</c>, or the unit as a suffix.</summary>
    public static string Of(string? unit) => unit switch
    {
        null or "" or "1" => "short",
        "ns" => "ns",
        "us" => "µs",
        "ms" => "ms",
        "s" => "s",
        "min" => "m",
        "h" => "h",
        "d" => "d",
        "By" or "B" => "bytes",
        "KiBy" => "kbytes",
        "MiBy" => "mbytes",
        "GiBy" => "gbytes",
        "KBy" or "KB" => "deckbytes",
        "MBy" or "MB" => "decmbytes",
        "GBy" or "GB" => "decgbytes",
        "%" => "percent",
        "Hz" => "hertz",
        _ when unit!.StartsWith("{") && unit.EndsWith("}") => "short",
        _ => "suffix: " + unit,
    };

    /// <summary>The unit of a per-second rate of a value in <paramref name="unit"/>: events per second for a counter.</summary>
    public static string RateOf(string? unit) => unit switch
    {
        null or "" or "1" => "cps",
        "By" or "B" => "Bps",
        "KiBy" => "KiBs",
        "MiBy" => "MiBs",
        _ when unit!.StartsWith("{") && unit.EndsWith("}") => "suffix: " + unit.Substring(1, unit.Length - 2) + "/s",
        _ => "suffix: " + unit + "/s",
    };
}
