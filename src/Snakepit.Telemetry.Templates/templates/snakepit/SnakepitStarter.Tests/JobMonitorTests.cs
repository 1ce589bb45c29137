using System;
using Snakepit.Telemetry;
using SnakepitStarter.Telemetry;
using Xunit;

namespace SnakepitStarter.Tests;

/// <summary>That the handler does the right thing: a hub of the test's own, which no other test shares.</summary>
public class JobMonitorTests
{
    [Fact]
    public void The_monitor_counts_jobs_by_outcome()
    {
        using var hub = new TelemetryHub();
        var monitor = new JobMonitor();
        hub.Attach(monitor);                                 // under its [TelemetryHandler] id

        hub.Emit(new JobStart(DateTimeOffset.UtcNow, "job-1", JobKind.Predict));
        hub.Emit(new JobStop(TimeSpan.FromMilliseconds(3), "job-1", JobKind.Predict, succeeded: true));
        hub.Emit(new JobStop(TimeSpan.FromMilliseconds(4), "job-2", JobKind.Embed, succeeded: false));

        Assert.Equal(1, monitor.Started);
        Assert.Equal(1, monitor.Succeeded);
        Assert.Equal(1, monitor.Failed);
        Assert.Equal("starterapp-job-monitor", Assert.Single(hub.ListHandlers()).Id);
    }
}
