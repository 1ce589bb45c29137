using System;

namespace Snakepit.Telemetry.Folding;

/// <summary>
/// Tells a JSON syntax error caused by <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c> (what Python's <c>json.dumps</c>
/// writes for non-finite floats) from any other: outside strings, no valid JSON token starts with 'N' or 'I'.
/// </summary>
internal static class NonFiniteLiteral
{
    public static bool Appears(ReadOnlySpan<byte> json)
    {
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }
            else if (b == (byte)'N' || b == (byte)'I')
            {
                return true;
            }
        }

        return false;
    }
}
