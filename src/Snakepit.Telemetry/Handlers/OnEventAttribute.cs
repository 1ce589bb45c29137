using System;

namespace Snakepit.Telemetry;

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
