using Snakepit.Telemetry.Shared;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>The analyzers' event patterns (the same source as the runtime's), checked against the runtime tests' table.</summary>
public sealed class EventPatternTests
{
    [Theory]
    [MemberData(nameof(EventPatternCases.Matching), MemberType = typeof(EventPatternCases))]
    public void Analyzers_match_as_the_table_says(string pattern, string name, bool matches) =>
        Assert.Equal(matches, EventPatterns.Matches(pattern, name));

    [Theory]
    [MemberData(nameof(EventPatternCases.Validity), MemberType = typeof(EventPatternCases))]
    public void Analyzers_accept_the_patterns_the_table_calls_valid(string pattern, bool valid) =>
        Assert.Equal(valid, EventPatterns.Problem(pattern) is null);
}
