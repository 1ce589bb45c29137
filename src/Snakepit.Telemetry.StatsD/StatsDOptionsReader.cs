using System;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Configuration;

namespace Snakepit.Telemetry.StatsD;

/// <summary>
/// Reads <see cref="StatsDExporterOptions"/> from a configuration section, without reflection (trimming and Native
/// AOT safe):
/// <code>
/// "Snakepit": { "StatsD": {
///   "Host": "statsd.local", "Port": 8125,
///   "Meters": [ "snakepit", "myapp" ],
///   "Prefix": "prod", "Format": "DogStatsD",
///   "FlushIntervalMs": 1000, "MaxPacketSize": 1432, "MaxBufferedBytes": 262144
/// } }
/// </code>
/// Missing keys keep their defaults; <c>Meters</c> defaults to Snakepit's own Meter (<c>snakepit</c>).
/// </summary>
public static class StatsDOptionsReader
{
    /// <summary>The section <c>AddStatsDExporter</c> reads by default: <c>Snakepit:StatsD</c>.</summary>
    public const string SectionName = "Snakepit:StatsD";

    /// <summary>Reads the options from <paramref name="section"/> (the <c>Snakepit:StatsD</c> section itself).</summary>
    /// <exception cref="InvalidOperationException">A value cannot be read; the message names its configuration path.</exception>
    public static StatsDExporterOptions Read(IConfiguration section)
    {
        if (section is null)
        {
            throw new ArgumentNullException(nameof(section));
        }

        var options = new StatsDExporterOptions();
        if (section["Host"] is { } host)
        {
            options.Host = host;
        }

        options.Port = Integer(section, "Port", options.Port);
        options.Prefix = section["Prefix"] is { Length: > 0 } prefix ? prefix : null;
        var format = section.GetSection("Format");
        if (format.Value is { } formatText)
        {
            options.Format = Enum.TryParse<StatsDFormat>(formatText, ignoreCase: true, out var value) && Enum.IsDefined(typeof(StatsDFormat), value)
                ? value
                : throw new InvalidOperationException($"{format.Path}: '{formatText}' is not Standard or DogStatsD.");
        }

        options.FlushInterval = TimeSpan.FromMilliseconds(Integer(section, "FlushIntervalMs", (int)options.FlushInterval.TotalMilliseconds));
        options.MaxPacketSize = Integer(section, "MaxPacketSize", options.MaxPacketSize);
        options.MaxBufferedBytes = Integer(section, "MaxBufferedBytes", options.MaxBufferedBytes);

        var meters = section.GetSection("Meters");
        var names = meters.Value is { } list
            ? list.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(n => n.Trim())
            : meters.GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim());
        foreach (var name in names)
        {
            options.MeterNames.Add(name);
        }

        if (options.MeterNames.Count == 0)
        {
            options.MeterNames.Add("snakepit");
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            // Named by the configuration key the user wrote ("Snakepit:StatsD:Port: must be 1 to 65535, not 70000"), not
            // by the options property.
            var path = section is IConfigurationSection s ? s.Path : SectionName;
            var key = KeyOf(ex.ParamName);
            var reason = ReasonOf(ex);
            var given = key is null ? null : section[key];
            throw new InvalidOperationException(
                key is null ? $"{path}: {reason}" : $"{path}:{key}: {reason}{(given is null ? " (not set)" : $" (is '{given}')")}",
                ex);
        }

        return options;
    }

    /// <summary>The configuration key of an options property.</summary>
    private static string? KeyOf(string? property) => property switch
    {
        nameof(StatsDExporterOptions.Host) => "Host",
        nameof(StatsDExporterOptions.Port) => "Port",
        nameof(StatsDExporterOptions.MeterNames) => "Meters",
        nameof(StatsDExporterOptions.FlushInterval) => "FlushIntervalMs",
        nameof(StatsDExporterOptions.MaxPacketSize) => "MaxPacketSize",
        nameof(StatsDExporterOptions.MaxBufferedBytes) => "MaxBufferedBytes",
        nameof(StatsDExporterOptions.Format) => "Format",
        _ => null,
    };

    /// <summary>The validation's reason alone: its first line, without the "StatsD: " lead and the parameter suffix.</summary>
    private static string ReasonOf(ArgumentException exception)
    {
        var message = exception.Message;
        var parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (parameter >= 0)
        {
            message = message.Substring(0, parameter);
        }

        var line = message.IndexOf('\n');
        if (line >= 0)
        {
            message = message.Substring(0, line).TrimEnd('\r');
        }

        const string Lead = "StatsD: ";
        return message.StartsWith(Lead, StringComparison.Ordinal) ? message.Substring(Lead.Length) : message;
    }

    private static int Integer(IConfiguration section, string key, int fallback)
    {
        var value = section.GetSection(key);
        if (value.Value is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new InvalidOperationException($"{value.Path}: '{text}' is not a whole number.");
    }
}
