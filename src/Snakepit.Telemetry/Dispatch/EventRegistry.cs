using System;
using System.Collections.Generic;
using System.Reflection;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// The process-wide list of event payload types. A type joins it the first time it is emitted or a handler for it
/// is attached; hubs are told, so generic handlers attached earlier receive it too.
/// </summary>
internal static class EventRegistry
{
    private static readonly object s_lock = new();
    private static readonly Dictionary<Type, EventType> s_byType = new();
    private static readonly List<WeakReference<TelemetryHub>> s_hubs = new();
    private static volatile EventType[] s_all = Array.Empty<EventType>();

    /// <summary>Every registered event type, indexed by <see cref="EventType.Index"/>.</summary>
    public static EventType[] All => s_all;

    public static EventType<TEvent> GetOrRegister<TEvent>()
        where TEvent : struct, ITelemetryEvent
    {
        EventType<TEvent> created;
        lock (s_lock)
        {
            if (s_byType.TryGetValue(typeof(TEvent), out var existing))
            {
                return (EventType<TEvent>)existing;
            }

            created = new EventType<TEvent>(s_all.Length);
            var all = new EventType[s_all.Length + 1];
            Array.Copy(s_all, all, s_all.Length);
            all[created.Index] = created;
            s_all = all;
            s_byType.Add(typeof(TEvent), created);

            // Configured after it is in All, under the configuration's lock: an Apply that runs before this sees the
            // type in All and configures it; one that runs after has already set what this reads.
            TelemetryConfiguration.Configure(created);

            // Every hub builds the new event's slot before the type is handed to anyone (it is returned, and found
            // by other threads, which look it up under this lock, only after the lock is released): a handler attached before the first emit of a
            // type receives that emit. Hubs take their own lock inside this one; no hub takes this lock inside its own.
            foreach (var reference in s_hubs)
            {
                if (reference.TryGetTarget(out var hub))
                {
                    hub.OnEventTypeRegistered(created);
                }
            }

            // Only now does the gate leave its unregistered state: an emitter that read it before took the slow path,
            // which waits for this lock, so it delivers to the handlers attached before the first emit.
            created.MarkRegistered();
        }

        return created;
    }

    /// <summary>Registers a payload type known only at run time (from a handler interface found by reflection).</summary>
#if NET
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode("Finds GetOrRegister<TEvent> by reflection.")]
    [System.Diagnostics.CodeAnalysis.RequiresDynamicCode("Instantiates GetOrRegister<TEvent> for a type known only at run time.")]
#endif
    public static EventType GetOrRegister(Type eventType)
    {
        lock (s_lock)
        {
            if (s_byType.TryGetValue(eventType, out var existing))
            {
                return existing;
            }
        }

        try
        {
            var register = typeof(EventRegistry).GetMethod(nameof(GetOrRegister), BindingFlags.Static | BindingFlags.Public, null, Type.EmptyTypes, null)!;
            return (EventType)register.MakeGenericMethod(eventType).Invoke(null, null)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    public static void AddHub(TelemetryHub hub)
    {
        lock (s_lock)
        {
            s_hubs.RemoveAll(r => !r.TryGetTarget(out _));
            s_hubs.Add(new WeakReference<TelemetryHub>(hub));
        }
    }
}
