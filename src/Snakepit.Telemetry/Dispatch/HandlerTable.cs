using System;
using System.Collections.Generic;
using System.Linq;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// A hub's handlers, copy-on-write: the registrations in attach order and, per event type, the slot emitters read.
/// Writers (attach, detach, a failure, a new event type) take the write lock, build new arrays and publish them;
/// emitters read the published arrays without a lock and never see one half-built.
/// </summary>
/// <remarks>
/// <para>Lock order: the event registry takes a table's lock inside its own (<see cref="OnEventTypeRegistered"/>),
/// never the reverse; nothing waits for a background worker while holding the write lock.</para>
/// <para>Registrations taken out whose background worker has not exited yet (draining after
/// <see cref="TelemetryHub.DetachAsync"/>, or stopping after a failure, whose failure handlers may still run on it) are
/// kept as retiring: <see cref="TelemetryHub.WaitForBackgroundHandler"/> still finds them, and removing every handler
/// stops them. A worker's exit lets its registration go.</para>
/// </remarks>
internal sealed class HandlerTable
{
    private readonly object _writeLock = new();
    private readonly TelemetryHub _hub;
    private readonly bool _isDefault;
    private readonly List<HandlerRegistration> _retiring = new();
    private volatile HandlerRegistration[] _registrations = Array.Empty<HandlerRegistration>();
    private volatile TelemetrySlot?[] _slots = Array.Empty<TelemetrySlot?>();
    private volatile bool _closed;

    /// <param name="hub">The hub whose handlers these are (slots report failures to it).</param>
    /// <param name="isDefault">
    /// Whether the hub is <see cref="TelemetryHub.Default"/>, whose slots are also published to each event type's gate
    /// (a field, not a comparison with Default: code under the lock must not run Default's initializer, which takes the
    /// registry's lock).
    /// </param>
    public HandlerTable(TelemetryHub hub, bool isDefault)
    {
        _hub = hub;
        _isDefault = isDefault;
    }

    /// <summary>The attached registrations, observers included, in attach order (a published array: never changed).</summary>
    public HandlerRegistration[] Registrations => _registrations;

    /// <summary>The slot of each event type by its index, null where no handler receives it (a published array).</summary>
    public TelemetrySlot?[] Slots => _slots;

    /// <summary>Adds a registration and starts its worker.</summary>
    /// <exception cref="ObjectDisposedException">The table was closed (its hub disposed).</exception>
    /// <exception cref="InvalidOperationException">A registration with this id is already attached.</exception>
    public void Add(HandlerRegistration registration)
    {
        lock (_writeLock)
        {
            if (_closed)
            {
                throw new ObjectDisposedException(nameof(TelemetryHub), "This hub was disposed: attach to a live hub.");
            }

            var current = _registrations;
            if (current.Any(r => r.Id == registration.Id))
            {
                throw new InvalidOperationException(
                    $"A telemetry handler with id '{registration.Id}' is already attached. Detach it first, or give this handler another id.");
            }

            var next = new HandlerRegistration[current.Length + 1];
            Array.Copy(current, next, current.Length);
            next[current.Length] = registration;
            registration.Worker?.Start();
            Publish(next);
        }
    }

    /// <summary>
    /// Takes the registration with this id out and marks it detached; with <paramref name="stopWorker"/>, a background
    /// worker is told to stop too (without waiting: the caller waits, outside the lock).
    /// </summary>
    public HandlerRegistration? Remove(string handlerId, bool stopWorker)
    {
        lock (_writeLock)
        {
            var current = _registrations;
            var index = Array.FindIndex(current, r => r.Id == handlerId);
            if (index < 0)
            {
                return null;
            }

            var removed = current[index];
            Publish(current.Where((_, i) => i != index).ToArray());
            removed.MarkDetached();
            if (stopWorker)
            {
                removed.Worker?.Stop(wait: false);
            }

            Retire(removed);
            return removed;
        }
    }

    /// <summary>Takes a failed registration out, if it is still in (the caller marked it detached already).</summary>
    public void RemoveFailed(HandlerRegistration registration)
    {
        lock (_writeLock)
        {
            var current = _registrations;
            if (Array.IndexOf(current, registration) >= 0)
            {
                Publish(current.Where(r => !ReferenceEquals(r, registration)).ToArray());
                Retire(registration);
            }
        }
    }

    /// <summary>
    /// Takes every registration out (observers too, or only handlers), marks each detached and tells every worker,
    /// retiring ones included, to stop without waiting.
    /// </summary>
    /// <param name="includeObservers">Whether observers go too.</param>
    /// <param name="retiring">The retiring registrations told to stop: the caller waits for their workers, outside the lock.</param>
    /// <returns>The registrations taken out.</returns>
    public HandlerRegistration[] RemoveAll(bool includeObservers, out HandlerRegistration[] retiring)
    {
        lock (_writeLock)
        {
            var current = _registrations;
            var removed = includeObservers ? current : Array.FindAll(current, r => !r.IsObserver);
            Publish(includeObservers ? Array.Empty<HandlerRegistration>() : Array.FindAll(current, r => r.IsObserver));
            foreach (var registration in removed)
            {
                registration.MarkDetached();
                registration.Worker?.Stop(wait: false);
                Retire(registration);
            }

            // Handlers still draining after DetachAsync, or stopping after a failure, stop too: once the caller has
            // waited for them, nothing of this hub runs.
            retiring = _retiring.ToArray();
            foreach (var registration in retiring)
            {
                registration.Worker?.Stop(wait: false);
            }

            return removed;
        }
    }

    /// <summary>Lets go of retiring registrations whose workers have exited.</summary>
    public void PruneRetired()
    {
        lock (_writeLock)
        {
            _retiring.RemoveAll(r => r.Worker!.Exited.IsCompleted);
        }
    }

    /// <summary>
    /// A registration's worker exited: a retiring registration is let go at once (its handler, callbacks and queue
    /// storage with it), not at the next change. Nothing holds the write lock while waiting for a worker, so a worker
    /// can take it here.
    /// </summary>
    public void OnWorkerExited(HandlerRegistration registration)
    {
        lock (_writeLock)
        {
            registration.WorkerExited = true;
            _retiring.Remove(registration);
        }
    }

    /// <summary>The worker of a retiring registration with this id that has not exited yet (the latest, if several).</summary>
    public BackgroundWorker? RetiringWorkerOf(string handlerId)
    {
        lock (_writeLock)
        {
            return _retiring.FindLast(r => r.Id == handlerId && !r.Worker!.Exited.IsCompleted)?.Worker;
        }
    }

    /// <summary>No registration is added from now on (the hub is being disposed); new event types get no slot.</summary>
    public void Close() => _closed = true;

    /// <summary>An event type was registered after the table's slots were built: it gets its slot, if any handler receives it.</summary>
    public void OnEventTypeRegistered(EventType eventType)
    {
        lock (_writeLock)
        {
            if (_closed)
            {
                return;
            }

            var slots = _slots;
            if (eventType.Index < slots.Length && slots[eventType.Index] is not null)
            {
                return;
            }

            var slot = eventType.BuildSlot(_hub, _registrations);
            if (slot is null)
            {
                return;
            }

            var grown = new TelemetrySlot?[Math.Max(slots.Length, eventType.Index + 1)];
            Array.Copy(slots, grown, slots.Length);
            grown[eventType.Index] = slot;
            _slots = grown;
            if (_isDefault)
            {
                eventType.DefaultSlot = slot;
            }
        }
    }

    /// <summary>
    /// Keeps a removed background registration findable until its worker has exited (a worker that never started, or
    /// has exited, is not kept). Caller holds the write lock.
    /// </summary>
    private void Retire(HandlerRegistration registration)
    {
        _retiring.RemoveAll(r => r.Worker!.Exited.IsCompleted);
        if (registration.Worker is { Exited.IsCompleted: false } && !registration.WorkerExited && !_retiring.Contains(registration))
        {
            _retiring.Add(registration);
        }
    }

    /// <summary>
    /// Rebuilds every event's slot for the new registrations and publishes them, registrations first; for the default
    /// hub each slot also goes to its event type's gate. Caller holds the write lock.
    /// </summary>
    private void Publish(HandlerRegistration[] registrations)
    {
        var types = EventRegistry.All;
        var slots = new TelemetrySlot?[types.Length];
        foreach (var type in types)
        {
            slots[type.Index] = type.BuildSlot(_hub, registrations);
        }

        _registrations = registrations;
        _slots = slots;
        if (_isDefault)
        {
            foreach (var type in types)
            {
                type.DefaultSlot = slots[type.Index];
            }
        }
    }
}
