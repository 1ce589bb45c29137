using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;

namespace Snakepit.Telemetry.Shared;

/// <summary>The catalog's naming rules and its mapping of snake_case names to C# identifiers.</summary>
internal static class Naming
{
    private static readonly Regex Segment = new("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant);

    /// <summary>A field name, an enum name, an enum value or one segment of an event name.</summary>
    public static bool IsValidSegment(string name) => Segment.IsMatch(name);

    /// <summary><c>spawn_started</c> gives <c>SpawnStarted</c>; <c>pool.worker</c> gives <c>PoolWorker</c>.</summary>
    public static string ToPascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var part in name.Split('.', '_'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            builder.Append(char.ToUpperInvariant(part[0]));
            builder.Append(part, 1, part.Length - 1);
        }

        return builder.ToString();
    }

    /// <summary><c>pool_name</c> gives <c>poolName</c>; a C# keyword comes back escaped (<c>@event</c>).</summary>
    public static string ToParameterName(string name)
    {
        var pascal = ToPascalCase(name);
        if (pascal.Length == 0)
        {
            return pascal;
        }

        var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return IsKeyword(camel) ? "@" + camel : camel;
    }

    public static bool IsKeyword(string identifier) => SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None;

    /// <summary>Whether <paramref name="ns"/> is a dotted C# namespace name.</summary>
    public static bool IsValidNamespace(string ns)
    {
        if (ns.Length == 0)
        {
            return false;
        }

        foreach (var part in ns.Split('.'))
        {
            if (!SyntaxFacts.IsValidIdentifier(part) || SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The candidate closest to <paramref name="value"/> by edit distance, if it is close enough to be a typo.</summary>
    public static string? Closest(string value, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(value, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance <= System.Math.Max(2, value.Length / 3) ? best : null;
    }

    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = System.Math.Min(System.Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
