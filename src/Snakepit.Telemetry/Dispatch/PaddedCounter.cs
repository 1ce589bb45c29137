using System.Runtime.InteropServices;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>A counter on a cache line of its own, so that threads updating it do not slow down their neighbours' fields.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedCounter
{
    [FieldOffset(64)]
    public long Value;
}
