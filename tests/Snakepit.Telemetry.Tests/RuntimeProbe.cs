using System;
using System.Threading;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>Test access to runtime internals that have no public surface.</summary>
internal static class RuntimeProbe
{
    /// <summary>The worker thread of the background handler <paramref name="handlerId"/> of <paramref name="hub"/>.</summary>
    public static Thread WorkerThreadOf(TelemetryHub hub, string handlerId) =>
        hub.WorkerOf(handlerId)?.WorkerThread ?? throw new InvalidOperationException($"'{handlerId}' is not a background handler of this hub");
}
