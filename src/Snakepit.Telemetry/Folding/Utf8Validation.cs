using System;

namespace Snakepit.Telemetry.Folding;

/// <summary>Whether bytes are well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).</summary>
internal static class Utf8Validation
{
    public static bool IsValid(ReadOnlySpan<byte> bytes)
    {
#if NET8_0_OR_GREATER
        return System.Text.Unicode.Utf8.IsValid(bytes);
#else
        return IsValidPortable(bytes);
#endif
    }

    /// <summary>The validation of the netstandard2.0 build (compiled everywhere, so tests hold it to the .NET one).</summary>
    internal static bool IsValidPortable(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                i++;
                continue;
            }

            int length;
            int min;
            int codePoint;
            if ((b & 0xE0) == 0xC0)
            {
                length = 2;
                min = 0x80;
                codePoint = b & 0x1F;
            }
            else if ((b & 0xF0) == 0xE0)
            {
                length = 3;
                min = 0x800;
                codePoint = b & 0x0F;
            }
            else if ((b & 0xF8) == 0xF0)
            {
                length = 4;
                min = 0x10000;
                codePoint = b & 0x07;
            }
            else
            {
                return false;
            }

            if (i + length > bytes.Length)
            {
                return false;
            }

            for (var k = 1; k < length; k++)
            {
                var next = bytes[i + k];
                if ((next & 0xC0) != 0x80)
                {
                    return false;
                }

                codePoint = (codePoint << 6) | (next & 0x3F);
            }

            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            {
                return false;
            }

            i += length;
        }

        return true;
    }
}
