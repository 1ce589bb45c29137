using System;
using System.ComponentModel;

namespace Snakepit.Telemetry;

/// <summary>
/// Marks a generated method that emits an event (an emitter such as <c>SnakepitEvents.PythonCallStop</c>, a span's
/// <c>Start</c>, <c>Stop</c> or <c>Exception</c>) with the payload it emits, so that analyzers (SNK009) know what a
/// call emits without guessing from names.
/// Supports generated code; not meant to be used directly.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TelemetryEmitterAttribute : Attribute
{
    /// <summary>Marks an emitter of <paramref name="eventType"/>.</summary>
    public TelemetryEmitterAttribute(Type eventType) => EventType = eventType;

    /// <summary>The event payload type the method emits.</summary>
    public Type EventType { get; }
}
