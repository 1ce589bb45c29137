using System;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Dispatch;

namespace Snakepit.Telemetry;

// The hub: detaching handlers and letting background handlers drain.
public sealed partial class TelemetryHub
{
    /// <summary>Detaches the handler with this id from every event.</summary>
    /// <remarks>
    /// A background handler is not called again once this returns (it waits for a call in progress to end, unless it
    /// is called from that call); events still waiting in its queue are dropped and counted. To let them be handled
    /// first, use <see cref="DetachAsync"/>. An inline handler may still be running on other threads that emitted
    /// before the detach, as in <c>:telemetry</c>.
    /// </remarks>
    /// <returns>Whether a handler with this id was attached.</returns>
    public bool Detach(string handlerId)
    {
        if (handlerId is null)
        {
            throw new ArgumentNullException(nameof(handlerId));
        }

        var removed = _table.Remove(handlerId, stopWorker: true);
        removed?.Worker?.Stop();
        return removed is not null;
    }

    /// <summary>
    /// Detaches the handler with this id so that it receives no new event, then, for a background handler, lets it
    /// handle what is already queued, for at most <paramref name="timeout"/>; what is left then is dropped and counted.
    /// The hosting package uses this when the host stops.
    /// </summary>
    /// <returns>Whether a handler with this id was attached.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/> (checked before anything is detached).</exception>
    public async Task<bool> DetachAsync(string handlerId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (handlerId is null)
        {
            throw new ArgumentNullException(nameof(handlerId));
        }

        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The drain timeout must be zero or more, or Timeout.InfiniteTimeSpan.");
        }

        var removed = _table.Remove(handlerId, stopWorker: false);
        var worker = removed?.Worker;
        if (worker is null)
        {
            return removed is not null;
        }

        try
        {
            using var expired = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (Timeouts.IsFinite(timeout))
            {
                expired.CancelAfter(timeout);
            }

            var drained = worker.WhenIdle();
            await Task.WhenAny(drained, Task.Delay(Timeout.Infinite, expired.Token)).ConfigureAwait(false);

            // No call starts after this; a call still running (the timeout expired during it) is not waited for
            // beyond what is left of the timeout.
            worker.Stop(wait: false);
            await Task.WhenAny(worker.Exited, Task.Delay(Timeout.Infinite, expired.Token)).ConfigureAwait(false);
        }
        finally
        {
            // Whatever ended the wait (drained, timed out, cancelled): the worker stops.
            worker.Stop(wait: false);
        }

        return true;
    }

    /// <summary>Detaches every handler, as <see cref="Detach"/> does each.</summary>
    /// <returns>How many handlers were attached.</returns>
    public int DetachAll() => DetachEvery(includeObservers: false);

    private int DetachEvery(bool includeObservers)
    {
        var removed = _table.RemoveAll(includeObservers, out var retiring);
        foreach (var registration in retiring)
        {
            registration.Worker?.Stop();
        }

        _table.PruneRetired();
        return removed.Length;
    }
}
