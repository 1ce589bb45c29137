using System;
using Snakepit.Telemetry.Dispatch;

namespace Snakepit.Telemetry;

/// <summary>
/// Attaches handlers to events and dispatches events to them, after Erlang's <c>:telemetry</c>: handlers have ids,
/// attach and detach never block emitters (copy-on-write), and a handler that throws is detached and reported as a
/// <see cref="TelemetryHandlerFailure"/> event.
/// </summary>
/// <remarks>
/// <para>Generated emitters (<c>SnakepitEvents.PythonCallStop(...)</c>) deliver to <see cref="Default"/>.</para>
/// <para>Failures: a handler whose call throws is detached first, then the <c>telemetry.handler.failure</c> event is
/// emitted, so a failure handler already sees it gone from <see cref="ListHandlers"/>. It is called once with the
/// failing event and never again, inline or in the background. A handler re-entered 32 deep on one thread (a
/// handler that emits what it handles, directly or through others), or a chain of 32 background handlers emitting for each other (or for
/// themselves), is such a failure too (<see cref="TelemetryRecursionException"/>).</para>
/// <para>A hub created with <c>new</c> lives until <see cref="Dispose"/>, which detaches every handler and stops
/// every background worker; <see cref="Default"/> lives as long as the process.</para>
/// </remarks>
public sealed partial class TelemetryHub : IDisposable
{
    private readonly HandlerTable _table;
    private readonly bool _isDefault;

    /// <summary>Creates a hub of its own (for tests, or to isolate a component); generated emitters use <see cref="Default"/>.</summary>
    public TelemetryHub()
        : this(isDefault: false)
    {
    }

    private TelemetryHub(bool isDefault)
    {
        // A field, not a comparison with Default: code under the hub's lock must not run Default's initializer,
        // which takes the registry's lock (the registry takes hubs' locks inside its own, never the reverse).
        _isDefault = isDefault;
        _table = new HandlerTable(this, isDefault);
        EventRegistry.AddHub(this);
    }

    /// <summary>The process-wide hub that generated emitters deliver to.</summary>
    public static TelemetryHub Default { get; } = new(isDefault: true);

    private static readonly GenericBinding[] NoGenerics = Array.Empty<GenericBinding>();

    private bool IsDefault => _isDefault;

    /// <summary>
    /// Detaches every handler and stops every background worker; later attaches throw
    /// <see cref="ObjectDisposedException"/>. The hub can then be collected.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is <see cref="Default"/>, which lives as long as the process (use <see cref="DetachAll"/>).</exception>
    public void Dispose()
    {
        if (IsDefault)
        {
            throw new InvalidOperationException("TelemetryHub.Default lives as long as the process and cannot be disposed; call DetachAll to detach every handler.");
        }

        _table.Close();
        DetachEvery(includeObservers: true);
    }

    private static void ValidateId(string handlerId)
    {
        if (handlerId is null)
        {
            throw new ArgumentNullException(nameof(handlerId));
        }

        if (handlerId.Trim().Length == 0)
        {
            throw new ArgumentException("A handler id must not be empty: use a descriptive id such as 'myapp-python-logger'.", nameof(handlerId));
        }
    }
}
