using System;

namespace Snakepit.Telemetry;

/// <summary>
/// Marks a handler class and gives its handler id:
/// <c>[TelemetryHandler("myapp-python-logger")] public sealed partial class SlowCallLogger</c>.
/// The class binds events by implementing generated handler interfaces (<c>IPythonCallStopHandler</c>) and by
/// <see cref="OnEventAttribute"/> methods. The generator writes its wiring (<see cref="ITelemetryHandlerWiring"/>)
/// and adds it to the assembly's <c>TelemetryHandlers.AttachAll</c>; the class must be <c>partial</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class TelemetryHandlerAttribute : Attribute
{
    /// <summary>Marks the class as the handler <paramref name="handlerId"/>.</summary>
    /// <param name="handlerId">A descriptive id, unique in the application, such as <c>myapp-python-logger</c>.</param>
    public TelemetryHandlerAttribute(string handlerId) => HandlerId = handlerId;

    /// <summary>The handler id, as <see cref="TelemetryHub.ListHandlers"/> reports it and <see cref="TelemetryHub.Detach(string)"/> takes it.</summary>
    public string HandlerId { get; }

    /// <summary>
    /// Where the handler runs: <see cref="TelemetryDispatchMode.Inline"/> (default) on the emitting thread, or
    /// <see cref="TelemetryDispatchMode.Background"/> on a worker of its own behind a bounded queue, for handlers that
    /// block or are slow (SNK001).
    /// </summary>
    public TelemetryDispatchMode Dispatch { get; set; }

    /// <summary>
    /// In <see cref="TelemetryDispatchMode.Background"/> mode, how many events may wait for the handler (default 1024,
    /// from 1 to <see cref="TelemetryHandlerBuilder.MaxQueueCapacity"/>; attaching with another value throws
    /// <see cref="System.ArgumentOutOfRangeException"/>). Events beyond it are dropped and counted.
    /// </summary>
    public int QueueCapacity { get; set; } = TelemetryHandlerBuilder.DefaultQueueCapacity;
}

/// <summary>
/// Binds a method of a <see cref="TelemetryHandlerAttribute"/> class to an event, or to every event under a prefix:
/// <list type="bullet">
/// <item><c>[OnEvent("snakepit.python.call.stop")] void OnStop(in PythonCallStop e)</c>: one event, its payload type;</item>
/// <item><c>[OnEvent("snakepit.pool.*")] void OnPool&lt;TEvent&gt;(in TEvent e) where TEvent : struct, ITelemetryEvent</c>:
/// every event under the prefix, through the generic handler path.</item>
/// </list>
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = true)]
public sealed class OnEventAttribute : Attribute
{
    /// <summary>Binds the method to <paramref name="eventName"/>: an event name, or a prefix ending in <c>.*</c>.</summary>
    public OnEventAttribute([EventName] string eventName) => EventName = eventName;

    /// <summary>The event name or prefix.</summary>
    public string EventName { get; }
}

/// <summary>
/// Marks a parameter that takes an event name or pattern, so that analyzers check the string against the catalogs
/// the compilation sees (SNK006).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class EventNameAttribute : Attribute
{
    /// <summary>Whether a bare prefix (<c>snakepit.python</c>) is accepted besides names and patterns.</summary>
    public bool Prefix { get; set; }
}

/// <summary>
/// Advertises a catalog compiled into an assembly: its name and its event payload types. The generator emits it for
/// every catalog, so that analyzers of projects referencing the assembly know its events across package boundaries.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class TelemetryCatalogAttribute : Attribute
{
    /// <summary>Declares the catalog <paramref name="catalogName"/> with its event payload types.</summary>
    public TelemetryCatalogAttribute(string catalogName, params Type[] eventTypes)
    {
        CatalogName = catalogName;
        EventTypes = eventTypes;
    }

    /// <summary>The catalog name, the first segment of its event names (<c>snakepit</c>).</summary>
    public string CatalogName { get; }

    /// <summary>The payload types of the catalog's events; each has a <c>const string Name</c>.</summary>
    public Type[] EventTypes { get; }

    /// <summary>
    /// The event names of <see cref="EventTypes"/>, in the same order (set by the generator), so that analyzers learn
    /// a catalog's names from the attribute alone instead of binding every payload's <c>Name</c> constant.
    /// </summary>
    public string[]? EventNames { get; set; }
}
