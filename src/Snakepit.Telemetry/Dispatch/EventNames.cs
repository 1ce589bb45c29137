using System;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>Event names and patterns: exact names, prefixes <c>a.b.*</c>, and <c>*</c> for every event. Matching is by whole segments.</summary>
internal static class EventNames
{
    /// <summary>Whether <paramref name="name"/> is <paramref name="prefix"/> or below it (<c>a.b.c</c> is under <c>a.b</c>, not under <c>a.bc</c>).</summary>
    public static bool IsUnder(string name, string prefix)
    {
        prefix = TrimWildcard(prefix);
        return prefix.Length == 0 ||
               name.Equals(prefix, StringComparison.Ordinal) ||
               (name.Length > prefix.Length && name[prefix.Length] == '.' && name.StartsWith(prefix, StringComparison.Ordinal));
    }

    public static bool IsWildcard(string pattern) => pattern == "*" || pattern.EndsWith(".*", StringComparison.Ordinal);

    /// <summary>Whether the event <paramref name="name"/> matches <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string name) =>
        IsWildcard(pattern) ? IsUnder(name, pattern) : name.Equals(pattern, StringComparison.Ordinal);

    /// <summary>Whether some event could match both <paramref name="pattern"/> and the prefix <paramref name="prefix"/>.</summary>
    public static bool Overlaps(string pattern, string prefix) =>
        IsWildcard(pattern)
            ? IsUnder(TrimWildcard(prefix), pattern) || IsUnder(TrimWildcard(pattern), prefix)
            : IsUnder(pattern, prefix);

    /// <summary>Checks a pattern given to Attach: a name, <c>prefix.*</c> or <c>*</c>.</summary>
    public static void Validate(string pattern, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new ArgumentException("An event pattern is empty: give an event name, a prefix such as 'snakepit.pool.*', or '*'.", parameterName);
        }

        var star = pattern.IndexOf('*');
        if (star >= 0 && !(pattern == "*" || (star == pattern.Length - 1 && pattern.EndsWith(".*", StringComparison.Ordinal))))
        {
            throw new ArgumentException($"The event pattern '{pattern}' is invalid: '*' may only end a prefix, as in 'snakepit.pool.*', or stand alone.", parameterName);
        }
    }

    private static string TrimWildcard(string pattern) =>
        pattern == "*" ? string.Empty : pattern.EndsWith(".*", StringComparison.Ordinal) ? pattern.Substring(0, pattern.Length - 2) : pattern;
}
