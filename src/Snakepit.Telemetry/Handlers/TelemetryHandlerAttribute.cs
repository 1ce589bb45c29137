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
