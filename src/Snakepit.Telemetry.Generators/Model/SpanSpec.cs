namespace Snakepit.Telemetry.Generators.Model;

/// <summary>
/// A span: events <c>X.start</c> and <c>X.stop</c> and/or <c>X.exception</c>. Carried fields are the start's
/// metadata that the span passes on to the stop/exception events.
/// </summary>
internal sealed record SpanSpec(
    string Name,
    string TypeName,
    string StartMethodName,
    string StartEvent,
    string? StopEvent,
    string? ExceptionEvent);
