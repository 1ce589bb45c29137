using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Snakepit.Telemetry;

/// <summary>
/// Why an event does or does not reach handlers, as <see cref="TelemetryHub.Diagnose"/> finds it: the guide's "No
/// Events Received" checklist answered by the runtime itself.
/// </summary>
public sealed class TelemetryEventDiagnosis
{
    internal TelemetryEventDiagnosis(string eventName, bool known, bool emittedYet, bool allowed, double samplingRate, string settingsReason, IReadOnlyList<TelemetryHandlerInfo> handlers, string? frequency)
    {
        EventName = eventName;
        IsKnown = known;
        HasBeenUsed = emittedYet;
        IsAllowed = allowed;
        SamplingRate = samplingRate;
        SettingsReason = settingsReason;
        Handlers = handlers;
        Frequency = frequency;
    }

    /// <summary>The event asked about.</summary>
    public string EventName { get; }

    /// <summary>Whether a loaded catalog declares it (catalogs register when their assembly starts).</summary>
    public bool IsKnown { get; }

    /// <summary>Whether its payload type is in use in this process (emitted, or bound to a handler, at least once).</summary>
    public bool HasBeenUsed { get; }

    /// <summary>Whether the settings (<see cref="TelemetryConfiguration"/>) let generated emitters emit it.</summary>
    public bool IsAllowed { get; }

    /// <summary>The fraction of its emits kept by sampling (1 when not sampled).</summary>
    public double SamplingRate { get; }

    /// <summary>What the settings say about it, in words.</summary>
    public string SettingsReason { get; }

    /// <summary>Its catalog frequency class, if its catalog registered it.</summary>
    public string? Frequency { get; }

    /// <summary>The handlers of the hub that receive it.</summary>
    public IReadOnlyList<TelemetryHandlerInfo> Handlers { get; }

    /// <summary>Whether an emit of it reaches at least one handler now (allowed, and someone handles it).</summary>
    public bool ReachesHandlers => IsAllowed && SamplingRate > 0 && Handlers.Count > 0;

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(EventName).Append(": ");
        text.Append(IsKnown ? $"declared by a loaded catalog{(Frequency is null ? "" : $" (frequency {Frequency})")}" : "not declared by any loaded catalog (check the name, and that the assembly with its catalog is loaded)");
        text.Append("; ").Append(HasBeenUsed ? "in use" : "not emitted or handled yet in this process");
        text.Append("; ").Append(IsAllowed ? SettingsReason : "not emitted: " + SettingsReason);
        text.Append("; ").Append(Handlers.Count == 0
            ? "no handler receives it (attach one, or check the handler's event names and prefixes)"
            : "handled by " + string.Join(", ", Handlers.Select(h => h.Id)));
        return text.ToString();
    }
}
