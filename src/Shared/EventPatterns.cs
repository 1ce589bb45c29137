// Compiled into the runtime, the generators and the analyzers alike (linked): one meaning for event names and
// patterns everywhere, so what the analyzers accept is what the runtime matches.
using System;

namespace Snakepit.Telemetry.Shared;

/// <summary>
/// Event names and the patterns handlers are attached with: an exact name (<c>snakepit.pool.status</c>), a prefix
/// pattern (<c>snakepit.pool.*</c>: the event <c>snakepit.pool</c> itself and every event below it, by whole
/// segments) or <c>*</c> (every event).
/// </summary>
internal static class EventPatterns
{
    /// <summary>The pattern that matches every event.</summary>
    public const string Everything = "*";

    /// <summary>Whether <paramref name="pattern"/> is <c>*</c> or ends in <c>.*</c> (rather than an exact name).</summary>
    public static bool IsPattern(string pattern) =>
        pattern == Everything || pattern.EndsWith(".*", StringComparison.Ordinal);

    /// <summary>
    /// Whether <paramref name="name"/> is <paramref name="prefix"/> or below it by whole segments (<c>a.b.c</c> is
    /// under <c>a.b</c>, not under <c>a.bc</c>). The prefix may be given as a pattern (<c>a.b.*</c>); empty or
    /// <c>*</c> covers every name.
    /// </summary>
    public static bool IsUnder(string name, string prefix)
    {
        prefix = PrefixOf(prefix);
        return prefix.Length == 0 ||
               name.Equals(prefix, StringComparison.Ordinal) ||
               (name.Length > prefix.Length && name[prefix.Length] == '.' && name.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>Whether the event <paramref name="name"/> matches <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string name) =>
        IsPattern(pattern) ? IsUnder(name, pattern) : name.Equals(pattern, StringComparison.Ordinal);

    /// <summary>Whether some event could match both <paramref name="pattern"/> and the prefix <paramref name="prefix"/>.</summary>
    public static bool Overlaps(string pattern, string prefix) =>
        IsPattern(pattern)
            ? IsUnder(PrefixOf(prefix), pattern) || IsUnder(PrefixOf(pattern), prefix)
            : IsUnder(pattern, prefix);

    /// <summary>The prefix a pattern stands for: <c>a.b</c> for <c>a.b.*</c>, empty for <c>*</c>, the text itself otherwise.</summary>
    public static string PrefixOf(string pattern) =>
        pattern == Everything ? string.Empty : pattern.EndsWith(".*", StringComparison.Ordinal) ? pattern.Substring(0, pattern.Length - 2) : pattern;

    /// <summary>
    /// Null if <paramref name="pattern"/> is a valid name or pattern, else why not (a sentence for an exception or a
    /// diagnostic): empty; <c>*</c> anywhere but alone or after the last dot; an empty segment.
    /// </summary>
    public static string? Problem(string? pattern)
    {
        if (pattern is null || pattern.Trim().Length == 0)
        {
            return "An event pattern is empty: give an event name, a prefix such as 'snakepit.pool.*', or '*'.";
        }

        if (pattern == Everything)
        {
            return null;
        }

        var core = IsPattern(pattern) ? PrefixOf(pattern) : pattern;
        if (core.IndexOf('*') >= 0)
        {
            return $"The event pattern '{pattern}' is invalid: '*' may only end a prefix, as in 'snakepit.pool.*', or stand alone.";
        }

        if (core.Length == 0 || core.StartsWith(".", StringComparison.Ordinal) || core.EndsWith(".", StringComparison.Ordinal) || core.IndexOf("..", StringComparison.Ordinal) >= 0)
        {
            return $"The event pattern '{pattern}' is invalid: it has an empty segment; names are dot-separated segments such as 'snakepit.pool.status'.";
        }

        return null;
    }
}
