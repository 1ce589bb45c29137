namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// One generic binding of a handler: an <see cref="ITelemetryHandler"/> and the patterns (<c>snakepit.pool.*</c>,
/// <c>*</c>) of the events it receives. A binding is identified by its index in its registration.
/// </summary>
internal readonly struct GenericBinding
{
    public GenericBinding(ITelemetryHandler handler, string[] patterns, bool yieldsToTyped)
    {
        Handler = handler;
        Patterns = patterns;
        YieldsToTyped = yieldsToTyped;
    }

    public ITelemetryHandler Handler { get; }

    public string[] Patterns { get; }

    /// <summary>
    /// Whether the binding leaves to the registration's typed callbacks the events they handle. True for an object
    /// attached whole (its handler interfaces take precedence over its generic method); false for a
    /// <see cref="TelemetryHandlerBuilder.OnEvents"/> binding, which, like every binding of a builder, receives each
    /// matching event once, whatever else the handler binds.
    /// </summary>
    public bool YieldsToTyped { get; }
}
