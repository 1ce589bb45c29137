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
        var outside = new OutsideStrings(json);
        while (outside.Next(out var i))
        {
            if (json[i] is (byte)'{' or (byte)'[')
            {
                if (++depth > maxDepth)
                {
                    return true;
                }
            }
            else if (json[i] is (byte)'}' or (byte)']')
            {
                depth--;
            }
        }

        return false;
    }

    /// <summary>Whether <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c> appears as a value outside strings (a whole word).</summary>
    public static bool HasNonFiniteLiteral(ReadOnlySpan<byte> json)
    {
        var outside = new OutsideStrings(json);
        while (outside.Next(out var i))
        {
            if ((json[i] == (byte)'N' && IsWord(json, i, NaN)) || (json[i] == (byte)'I' && IsWord(json, i, Infinity)))
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

    /// <summary>The positions of the bytes outside string literals (quotes and escapes followed), in order.</summary>
    private ref struct OutsideStrings
    {
        private readonly ReadOnlySpan<byte> _json;
        private int _next;
        private bool _inString;

        public OutsideStrings(ReadOnlySpan<byte> json)
        {
            _json = json;
            _next = 0;
            _inString = false;
        }

        public bool Next(out int index)
        {
            while (_next < _json.Length)
            {
                var i = _next++;
                var b = _json[i];
                if (_inString)
                {
                    if (b == (byte)'\\')
                    {
                        _next++;
                    }
                    else if (b == (byte)'"')
                    {
                        _inString = false;
                    }
                }
                else if (b == (byte)'"')
                {
                    _inString = true;
                }
                else
                {
                    index = i;
                    return true;
                }
            }

            index = -1;
            return false;
        }
    }
}
