using System;
using System.Collections.Generic;
using System.Linq;
using Snakepit.Telemetry.Dispatch;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry;

/// <summary>
/// The settings the generated emitters follow (<see cref="TelemetrySettings"/>): applied at once to every event type,
/// and to types that register later. Changing them at run time takes effect on the next emit, without a restart.
/// </summary>
public static class TelemetryConfiguration
{
    private static readonly object s_lock = new();
    private static readonly Dictionary<string, string> s_frequencies = new(StringComparer.Ordinal);
    private static Snapshot s_current = new(true, Array.Empty<string>(), Array.Empty<KeyValuePair<string, double>>(), false, TimeSpan.FromMilliseconds(1));

    /// <summary>The frequency classes a sampling key may name.</summary>
    public static readonly IReadOnlyList<string> FrequencyClasses = new[] { "high", "medium", "low" };

    /// <summary>The settings in force (a copy).</summary>
    public static TelemetrySettings Current
    {
        get
        {
            var current = s_current;
            var settings = new TelemetrySettings { Enabled = current.Enabled, TimeHandlers = current.TimeHandlers, SlowHandlerThreshold = current.SlowHandlerThreshold };
            foreach (var pattern in current.Exclude)
            {
                settings.Exclude.Add(pattern);
            }

            foreach (var rate in current.Sampling)
            {
                settings.Sampling[rate.Key] = rate.Value;
            }

            return settings;
        }
    }

    /// <summary>Applies <paramref name="settings"/> to every event, now and later registered.</summary>
    /// <exception cref="ArgumentException">An exclusion is not a valid event name or prefix, or a sampling key or rate is invalid.</exception>
    public static void Apply(TelemetrySettings settings)
    {
        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        foreach (var pattern in settings.Exclude)
        {
            if (EventPatterns.Problem(pattern) is { } problem)
            {
                throw new ArgumentException($"Exclude: {problem}", nameof(settings));
            }
        }

        foreach (var rate in settings.Sampling)
        {
            if (!FrequencyClasses.Contains(rate.Key) &&
                (EventPatterns.Problem(rate.Key) is not null || (rate.Key != "*" && rate.Key.IndexOf('.') < 0)))
            {
                throw new ArgumentException(
                    $"Sampling key '{rate.Key}' is neither a frequency class (high, medium, low) nor an event name or prefix (such as 'snakepit.python.call.stop' or 'snakepit.grpc.*').",
                    nameof(settings));
            }

            if (double.IsNaN(rate.Value) || rate.Value < 0 || rate.Value > 1)
            {
                throw new ArgumentException($"Sampling rate of '{rate.Key}' is {rate.Value}; a rate is from 0 (none) to 1 (all).", nameof(settings));
            }
        }

        if (settings.SlowHandlerThreshold <= TimeSpan.Zero)
        {
            throw new ArgumentException($"SlowHandlerThreshold is {settings.SlowHandlerThreshold}; it must be positive.", nameof(settings));
        }

        lock (s_lock)
        {
            s_current = new Snapshot(settings.Enabled, settings.Exclude.ToArray(), settings.Sampling.ToArray(), settings.TimeHandlers, settings.SlowHandlerThreshold);
            HandlerTiming.Set(settings.TimeHandlers, settings.SlowHandlerThreshold);
            foreach (var type in EventRegistry.All)
            {
                Configure(type);
            }
        }
    }

    /// <summary>Generated catalogs tell the frequency class of each event (for sampling by class).</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static void RegisterFrequencies(IEnumerable<KeyValuePair<string, string>> eventFrequencies)
    {
        lock (s_lock)
        {
            foreach (var pair in eventFrequencies)
            {
                s_frequencies[pair.Key] = pair.Value;
            }

            foreach (var type in EventRegistry.All)
            {
                Configure(type);
            }
        }
    }

    /// <summary>The frequency class of an event, if its catalog told it.</summary>
    internal static string? FrequencyOf(string eventName)
    {
        lock (s_lock)
        {
            return s_frequencies.TryGetValue(eventName, out var frequency) ? frequency : null;
        }
    }

    /// <summary>Whether the settings in force let <paramref name="eventName"/> through, and its sampling rate.</summary>
    internal static (bool Allowed, double Rate, string Reason) Explain(string eventName)
    {
        var current = s_current;
        if (!current.Enabled)
        {
            return (false, 0, "telemetry is switched off (TelemetrySettings.Enabled = false)");
        }

        var exclusion = current.Exclude.FirstOrDefault(pattern => EventPatterns.Matches(pattern, eventName));
        if (exclusion is not null)
        {
            return (false, 0, $"excluded by '{exclusion}'");
        }

        var (rate, key) = RateOf(current, eventName);
        return (true, rate, key is null ? "not sampled (rate 1)" : $"sampled at {rate:0.###} by '{key}'");
    }

    /// <summary>Sets a newly registered event type's gate from the settings in force.</summary>
    internal static void Configure(EventType type)
    {
        lock (s_lock)
        {
            var (allowed, rate, _) = Explain(type.Name);
            type.Configure(allowed, rate);
        }
    }

    private static (double Rate, string? Key) RateOf(Snapshot current, string eventName)
    {
        string? best = null;
        var bestRank = -1;
        var bestRate = 1.0;
        foreach (var rate in current.Sampling)
        {
            int rank;
            if (rate.Key == eventName)
            {
                rank = int.MaxValue;
            }
            else if (rate.Key.EndsWith(".*", StringComparison.Ordinal) || rate.Key == "*")
            {
                if (!EventPatterns.Matches(rate.Key, eventName))
                {
                    continue;
                }

                rank = 1000 + rate.Key.Length;
            }
            else if (FrequencyClasses.Contains(rate.Key))
            {
                if (FrequencyOf(eventName) != rate.Key)
                {
                    continue;
                }

                rank = 1;
            }
            else
            {
                continue;
            }

            if (rank > bestRank)
            {
                (best, bestRank, bestRate) = (rate.Key, rank, rate.Value);
            }
        }

        return (bestRate, best);
    }

    private sealed class Snapshot
    {
        public Snapshot(bool enabled, string[] exclude, KeyValuePair<string, double>[] sampling, bool timeHandlers, TimeSpan slowHandlerThreshold)
        {
            Enabled = enabled;
            Exclude = exclude;
            Sampling = sampling;
            TimeHandlers = timeHandlers;
            SlowHandlerThreshold = slowHandlerThreshold;
        }

        public bool TimeHandlers { get; }

        public TimeSpan SlowHandlerThreshold { get; }

        public bool Enabled { get; }

        public string[] Exclude { get; }

        public KeyValuePair<string, double>[] Sampling { get; }
    }
}
