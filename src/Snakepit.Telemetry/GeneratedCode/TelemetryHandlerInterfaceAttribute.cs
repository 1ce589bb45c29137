using System.ComponentModel;
using System;

namespace Snakepit.Telemetry;

/// <summary>
/// Marks a generated handler interface (such as <c>IPythonCallStopHandler</c>) with the event it handles, so that
/// <see cref="TelemetryHub.Attach(string, object)"/> can find every event an object handles.
/// Supports generated code; not meant to be used directly.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TelemetryHandlerInterfaceAttribute : Attribute
{
    /// <summary>Marks a handler interface for <paramref name="eventType"/>.</summary>
    public TelemetryHandlerInterfaceAttribute(Type eventType) => EventType = eventType;

    /// <summary>The event payload type; the interface has one method, <c>void Handle(in TEvent e)</c>.</summary>
    public Type EventType { get; }
}
