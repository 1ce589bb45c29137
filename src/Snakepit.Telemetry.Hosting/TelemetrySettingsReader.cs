using System;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Configuration;

namespace Snakepit.Telemetry.Hosting;

/// <summary>
/// Reads <see cref="TelemetrySettings"/> from a configuration section, without reflection (so it works trimmed and with
/// Native AOT):
/// <code>
/// "Snakepit": { "Telemetry": {
///   "Enabled": true,
///   "TimeHandlers": true, "SlowHandlerThresholdMs": 2,
///   "Exclude": [ "snakepit.grpc.*" ],
///   "Sampling": { "high": 0.1, "snakepit.python.call.*": 0.25 }
/// } }
/// </code>
/// </summary>
public static class TelemetrySettingsReader
{
    /// <summary>The section the hosting package reads: <c>Snakepit:Telemetry</c>.</summary>
    public const string SectionName = "Snakepit:Telemetry";

    /// <summary>The longest <c>SlowHandlerThresholdMs</c> accepted: one day (a handler call that long is not slow, it is stuck).</summary>
    public const double MaxThresholdMilliseconds = 24 * 60 * 60 * 1000;

    /// <summary>Reads the settings from <paramref name="section"/> (the <c>Snakepit:Telemetry</c> section itself).</summary>
    /// <exception cref="InvalidOperationException">A value cannot be read; the message names its configuration path.</exception>
    public static TelemetrySettings Read(IConfiguration section)
    {
        if (section is null)
        {
            throw new ArgumentNullException(nameof(section));
        }

        var settings = new TelemetrySettings();
        var enabled = section.GetSection("Enabled");
        if (enabled.Value is { } enabledText)
        {
            settings.Enabled = bool.TryParse(enabledText, out var value)
                ? value
                : throw new InvalidOperationException($"{enabled.Path}: '{enabledText}' is not true or false.");
        }

        var timeHandlers = section.GetSection("TimeHandlers");
        if (timeHandlers.Value is { } timeText)
        {
            settings.TimeHandlers = bool.TryParse(timeText, out var value)
                ? value
                : throw new InvalidOperationException($"{timeHandlers.Path}: '{timeText}' is not true or false.");
        }

        var threshold = section.GetSection("SlowHandlerThresholdMs");
        if (threshold.Value is { } thresholdText)
        {
            settings.SlowHandlerThreshold = double.TryParse(thresholdText, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds > 0
                ? milliseconds <= MaxThresholdMilliseconds
                    ? TimeSpan.FromTicks(Math.Max(1, (long)(milliseconds * TimeSpan.TicksPerMillisecond)))
                    : throw new InvalidOperationException($"{threshold.Path}: '{thresholdText}' milliseconds is longer than the longest threshold, {MaxThresholdMilliseconds.ToString(CultureInfo.InvariantCulture)} ms (one day).")
                : throw new InvalidOperationException($"{threshold.Path}: '{thresholdText}' is not a positive number of milliseconds.");
        }

        var exclude = section.GetSection("Exclude");
        var patterns = exclude.Value is { } list
            ? list.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0)
            : exclude.GetChildren().Select(child => child.Value ?? "");
        foreach (var pattern in patterns)
        {
            settings.Exclude.Add(pattern);
        }

        foreach (var rate in section.GetSection("Sampling").GetChildren())
        {
            settings.Sampling[rate.Key] = double.TryParse(rate.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= 1
                ? value
                : throw new InvalidOperationException($"{rate.Path}: '{rate.Value}' is not a sampling rate (a number from 0 to 1).");
        }

        return settings;
    }
}
