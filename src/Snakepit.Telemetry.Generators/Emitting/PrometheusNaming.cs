using System;
using System.Collections.Generic;
using System.Text;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// The series names the OpenTelemetry .NET Prometheus exporter (OpenTelemetry.Exporter.Prometheus.*, 1.9 and later)
/// gives a catalog metric's instrument: every character other than a letter, digit or colon becomes one underscore;
/// the unit, its curly-brace annotations dropped and its UCUM abbreviation spelt out (<c>ms</c> ->
/// <c>milliseconds</c>, <c>By</c> -> <c>bytes</c>, <c>%</c> -> <c>percent</c>, <c>1</c> -> nothing, <c>a/s</c> ->
/// <c>a_per_second</c>), is appended unless the name already ends with it; counters (counter and sum) get
/// <c>_total</c>; histograms (summary and distribution) are read through <c>_bucket</c>, <c>_sum</c> and
/// <c>_count</c>. The integration tests check these names against the real exporter.
/// </summary>
internal static class PrometheusNaming
{
    /// <summary>The metric's name in Prometheus, before a histogram's series suffix (<c>x_milliseconds</c>, <c>x_total</c>).</summary>
    public static string BaseName(MetricSpec metric)
    {
        var name = Sanitize(metric.Name);
        if (!string.IsNullOrEmpty(metric.Unit))
        {
            var unit = Unit(metric.Unit!);
            if (!name.EndsWith(unit, StringComparison.Ordinal))
            {
                name += "_" + unit;
            }
        }

        if (IsCounter(metric.Kind) && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>Every series of the metric: one for counters and gauges, <c>_bucket</c>, <c>_sum</c> and <c>_count</c> for histograms.</summary>
    public static IReadOnlyList<string> Series(MetricSpec metric)
    {
        var name = BaseName(metric);
        return IsHistogram(metric.Kind) ? new[] { name + "_bucket", name + "_sum", name + "_count" } : new[] { name };
    }

    /// <summary>The one series that every scrape of the metric has (a histogram's <c>_count</c>): for <c>label_values</c>.</summary>
    public static string PrimarySeries(MetricSpec metric) =>
        IsHistogram(metric.Kind) ? BaseName(metric) + "_count" : BaseName(metric);

    public static bool IsCounter(MetricKind kind) => kind is MetricKind.Counter or MetricKind.Sum;

    public static bool IsHistogram(MetricKind kind) => kind is MetricKind.Summary or MetricKind.Distribution;

    /// <summary>The exporter's name rule: letters, digits and colons kept, every other run one underscore, no leading digit.</summary>
    internal static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        var lastUnderscore = false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i == 0 && char.IsDigit(c))
            {
                text.Append('_');
                lastUnderscore = true;
                continue;
            }

            if (!char.IsLetterOrDigit(c) && c != ':')
            {
                if (!lastUnderscore)
                {
                    text.Append('_');
                    lastUnderscore = true;
                }
            }
            else
            {
                text.Append(c);
                lastUnderscore = false;
            }
        }

        return text.ToString();
    }

    /// <summary>The unit as the exporter appends it: annotations dropped, a rate as <c>x_per_y</c>, abbreviations spelt out.</summary>
    internal static string Unit(string unit)
    {
        var bare = RemoveAnnotations(unit);
        var slash = bare.IndexOf('/');
        return slash >= 0 && slash < bare.Length - 1
            ? MapUnit(bare.Substring(0, slash)) + "_per_" + MapPerUnit(bare.Substring(slash + 1))
            : MapUnit(bare);
    }

    private static string RemoveAnnotations(string unit)
    {
        var text = new StringBuilder(unit.Length);
        var open = -1;
        var written = 0;
        for (var i = 0; i < unit.Length; i++)
        {
            if (unit[i] == '{' && open < 0)
            {
                open = i;
            }
            else if (unit[i] == '}' && open >= 0)
            {
                text.Append(unit, written, open - written);
                written = i + 1;
                open = -1;
            }
        }

        text.Append(unit, written, unit.Length - written);
        return text.ToString();
    }

    private static string MapUnit(string unit) => unit switch
    {
        "d" => "days",
        "h" => "hours",
        "min" => "minutes",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" or "B" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "GiBy" => "gibibytes",
        "TiBy" => "tibibytes",
        "KBy" or "KB" => "kilobytes",
        "MBy" or "MB" => "megabytes",
        "GBy" or "GB" => "gigabytes",
        "TBy" or "TB" => "terabytes",
        "m" => "meters",
        "V" => "volts",
        "A" => "amperes",
        "J" => "joules",
        "W" => "watts",
        "g" => "grams",
        "Cel" => "celsius",
        "Hz" => "hertz",
        "1" => "",
        "%" => "percent",
        "$" => "dollars",
        _ => unit,
    };

    private static string MapPerUnit(string unit) => unit switch
    {
        "s" => "second",
        "m" => "minute",
        "h" => "hour",
        "d" => "day",
        "w" => "week",
        "mo" => "month",
        "y" => "year",
        _ => unit,
    };
}
