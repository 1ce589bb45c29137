using System;

namespace Snakepit.Telemetry.Folding;

/// <summary>
/// Looks at a line the JSON reader refused, to say why: it nests too deep, or it carries Python's spellings of
/// non-finite floats (<c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>), or it is malformed otherwise. Only on failures.
/// </summary>
internal static class JsonShape
{
    /// <summary>Whether brackets outside strings nest deeper than <paramref name="maxDepth"/>.</summary>
    public static bool DeeperThan(ReadOnlySpan<byte> json, int maxDepth)
    {
        var depth = 0;
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
            else if (b is (byte)'{' or (byte)'[')
            {
                if (++depth > maxDepth)
                {
                    return true;
                }
            }
            else if (b is (byte)'}' or (byte)']')
            {
                depth--;
            }
        }

        return false;
    }

    /// <summary>Whether <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c> appears as a value outside strings (a whole word).</summary>
    public static bool HasNonFiniteLiteral(ReadOnlySpan<byte> json)
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
            else if ((b == (byte)'N' && IsWord(json, i, NaN)) || (b == (byte)'I' && IsWord(json, i, Infinity)))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<byte> NaN => "NaN"u8;

    private static ReadOnlySpan<byte> Infinity => "Infinity"u8;

    // The word at i, not part of a longer one ("Nonsense", "Infinite").
    private static bool IsWord(ReadOnlySpan<byte> json, int i, ReadOnlySpan<byte> word)
    {
        if (!json.Slice(i).StartsWith(word))
        {
            return false;
        }

        var end = i + word.Length;
        return end == json.Length || !(json[end] is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_');
    }
}
