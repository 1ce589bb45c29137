using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Snakepit.Telemetry.Dispatch;

namespace Snakepit.Telemetry;

/// <summary>
/// The handlers of one event in one hub: an immutable snapshot, replaced whole on attach and detach. Supports generated
/// code; not meant to be used directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class TelemetrySlot
{
    private protected TelemetrySlot()
    {
    }
}
