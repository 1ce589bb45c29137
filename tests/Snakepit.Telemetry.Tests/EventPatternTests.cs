using System;
using Snakepit.Telemetry.Events;
using Snakepit.Telemetry.Shared;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>The runtime's event patterns, checked against the table the analyzer tests check too.</summary>
public sealed class EventPatternTests
{
    [Theory]
    [MemberData(nameof(EventPatternCases.Matching), MemberType = typeof(EventPatternCases))]
    public void Runtime_matches_as_the_table_says(string pattern, string name, bool matches) =>
        Assert.Equal(matches, EventPatterns.Matches(pattern, name));

    [Theory]
    [MemberData(nameof(EventPatternCases.Validity), MemberType = typeof(EventPatternCases))]
    public void Runtime_accepts_the_patterns_the_table_calls_valid(string pattern, bool valid)
    {
        using var hub = new TelemetryHub();
        if (valid)
        {
            hub.Attach("generic", new GenericRecorder(), pattern);
            Assert.Single(hub.ListHandlers());
        }
        else
        {
            var error = Assert.Throws<ArgumentException>(() => hub.Attach("generic", new GenericRecorder(), pattern));
            Assert.Equal("eventPatterns", error.ParamName);
        }
    }

    [Fact]
    public void A_prefix_pattern_receives_the_prefix_event_itself()
    {
        using var hub = new TelemetryHub();
        var recorder = new GenericRecorder();
        hub.Attach("generic", recorder, "snakepit.pool.status.*");
        hub.Emit(Events.Status());
        Assert.Single(recorder.Seen);
    }
}
