using System;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>A per-thread xorshift generator for sampling decisions: no lock, no allocation after a thread's first use.</summary>
internal static class SampleRandom
{
    [ThreadStatic]
    private static uint t_state;

    public static uint Next()
    {
        var x = t_state;
        if (x == 0)
        {
            x = unchecked((uint)Environment.TickCount ^ (uint)(Environment.CurrentManagedThreadId * 0x9E3779B9)) | 1;
        }

        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        t_state = x;
        return x;
    }
}
