// Linked into the runtime tests and the analyzer tests: the same table checks the runtime's copy of EventPatterns
// and the analyzers' copy, so what the analyzers say about a pattern is what the runtime does with it.
using Xunit;

namespace Snakepit.Telemetry.TestCases;

/// <summary>What event patterns match, and which are valid.</summary>
public static class EventPatternCases
{
    /// <summary>(pattern, event name, matches).</summary>
    public static TheoryData<string, string, bool> Matching => new()
    {
        { "*", "snakepit.pool.status", true },
        { "*", "a", true },
        { "snakepit.pool.status", "snakepit.pool.status", true },
        { "snakepit.pool.status", "snakepit.pool.status.changed", false },
        { "snakepit.pool.status", "snakepit.pool", false },
        { "snakepit.pool.*", "snakepit.pool.status", true },
        { "snakepit.pool.*", "snakepit.pool.worker.spawned", true },
        { "snakepit.pool.*", "snakepit.pool", true },               // the prefix's own event: the bug case
        { "snakepit.pool.*", "snakepit.poolside.status", false },   // whole segments only
        { "snakepit.pool.*", "snakepit.python.call.stop", false },
        { "snakepit.pool.*", "snakepit", false },
        { "snakepit.*", "snakepit.pool.status", true },
        { "a.b.*", "a.b", true },
        { "a.b.*", "a.bc", false },
        { "a.b.*", "a.b.c.d", true },
    };

    /// <summary>(pattern, valid).</summary>
    public static TheoryData<string, bool> Validity => new()
    {
        { "*", true },
        { "snakepit.pool.status", true },
        { "snakepit.pool.*", true },
        { "a.*", true },
        { "", false },
        { " ", false },
        { ".*", false },
        { "snakepit.*.status", false },
        { "snakepit.pool*", false },
        { "**", false },
        { "snakepit..pool", false },
        { "snakepit.pool.", false },
        { ".snakepit", false },
    };
}
