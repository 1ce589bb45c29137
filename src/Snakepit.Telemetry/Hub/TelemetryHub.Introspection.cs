using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Snakepit.Telemetry.Dispatch;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry;

// The hub: what is attached and why an event does or does not reach handlers.
public sealed partial class TelemetryHub
{
    /// <summary>
    /// The attached handlers that receive an event under <paramref name="eventPrefix"/> (whole segments:
    /// <c>snakepit.python</c> covers <c>snakepit.python.call.stop</c>; empty or <c>*</c> lists all), in attach order.
    /// </summary>
    public IReadOnlyList<TelemetryHandlerInfo> ListHandlers([EventName(Prefix = true)] string eventPrefix = "")
    {
        if (eventPrefix is null)
        {
            throw new ArgumentNullException(nameof(eventPrefix));
        }

        return HandlersWhere(eventPrefix, events => events.Count > 0);
    }

    /// <summary>
    /// Answers, for one event name, why it does or does not reach handlers: is it declared by a loaded catalog, in use,
    /// allowed or excluded or sampled by the settings, and which handlers of this hub receive it.
    /// </summary>
    public TelemetryEventDiagnosis Diagnose([EventName] string eventName)
    {
        if (eventName is null)
        {
            throw new ArgumentNullException(nameof(eventName));
        }

        var frequency = TelemetryConfiguration.FrequencyOf(eventName);
        var used = EventRegistry.All.Any(t => t.Name == eventName);
        var (allowed, rate, reason) = TelemetryConfiguration.Explain(eventName);
        var handlers = HandlersWhere("", events => events.Any(pattern => EventPatterns.Matches(pattern, eventName)));

        return new TelemetryEventDiagnosis(eventName, frequency is not null || used, used, allowed, rate, reason, handlers, frequency);
    }

    /// <summary>
    /// A textual report of the hub for a log: each handler with its events, dispatch mode, events received, failures,
    /// queued and dropped events, and the settings in force.
    /// </summary>
    public string Describe()
    {
        var handlers = ListHandlers();
        var settings = TelemetryConfiguration.Current;
        var text = new System.Text.StringBuilder();
        text.Append(IsDefault ? "TelemetryHub.Default" : "TelemetryHub").Append(": ").Append(handlers.Count).AppendLine(handlers.Count == 1 ? " handler" : " handlers");
        foreach (var handler in handlers.OrderBy(h => h.Id, StringComparer.Ordinal))
        {
            text.Append("  ").AppendLine(handler.ToString());
        }

        text.Append("Settings: ").Append(settings.Enabled ? "enabled" : "switched off (Enabled = false)");
        text.Append("; excluded: ").Append(settings.Exclude.Count == 0 ? "none" : string.Join(", ", settings.Exclude));
        text.Append("; sampling: ").Append(settings.Sampling.Count == 0 ? "none" : string.Join(", ", settings.Sampling.Select(r => $"{r.Key}={r.Value:0.###}")));
        return text.ToString();
    }

    /// <summary>
    /// Waits until nothing is queued for the background handler <paramref name="handlerId"/> and no call of it is
    /// running, for tests and orderly shutdown: once it returns true, every call of the handler has ended, with what
    /// it led to on its worker (the failure handlers of a call that failed, whose failure detached it). True at once
    /// for inline or unknown handlers.
    /// </summary>
    /// <remarks>
    /// Called from the handler's own call (its worker's thread), it returns false at once: the worker cannot be idle
    /// while that call runs. From another background handler it waits unless that closes a cycle of handlers waiting
    /// for each other (see <see cref="Detach"/>).
    /// </remarks>
    /// <param name="handlerId">The handler's id.</param>
    /// <param name="timeout">How long to wait at most; <see cref="Timeout.InfiniteTimeSpan"/> waits without limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public bool WaitForBackgroundHandler(string handlerId, TimeSpan timeout)
    {
        if (handlerId is null)
        {
            throw new ArgumentNullException(nameof(handlerId));
        }

        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be zero or more, or Timeout.InfiniteTimeSpan.");
        }

        var worker = WorkerOf(handlerId);
        if (worker is null)
        {
            return true;
        }

        // From a background handler, the wait takes part in the workers' cycle detection (see BackgroundWorker.Stop).
        return worker.WaitUntilIdle(Timeouts.ToMilliseconds(timeout));
    }

    /// <summary>The worker of the background handler <paramref name="handlerId"/>: attached, or detached and still running (for tests).</summary>
    internal BackgroundWorker? WorkerOf(string handlerId)
    {
        var attached = Array.Find(_table.Registrations, r => r.Id == handlerId)?.Worker;
        if (attached is not null)
        {
            return attached;
        }

        return _table.RetiringWorkerOf(handlerId);
    }

    /// <summary>
    /// The attached handlers (observers left out), in attach order, whose events under <paramref name="eventPrefix"/>
    /// satisfy <paramref name="receives"/>.
    /// </summary>
    private List<TelemetryHandlerInfo> HandlersWhere(string eventPrefix, Func<IReadOnlyList<string>, bool> receives)
    {
        var result = new List<TelemetryHandlerInfo>();
        foreach (var registration in _table.Registrations)
        {
            if (registration.IsObserver)
            {
                continue;
            }

            var events = registration.EventsUnder(eventPrefix);
            if (receives(events))
            {
                result.Add(new TelemetryHandlerInfo(registration.Id, events, registration.Handler, registration.Worker, registration));
            }
        }

        return result;
    }
}
