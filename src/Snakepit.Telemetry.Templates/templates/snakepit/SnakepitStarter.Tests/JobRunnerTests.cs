using System;
using Snakepit.Telemetry.Testing;
using SnakepitStarter.Telemetry;
using Xunit;

namespace SnakepitStarter.Tests;

/// <summary>That the code emits what it should: TelemetryRecorder sees the events of this test's flow only.</summary>
public class JobRunnerTests
{
    [Fact]
    public void A_job_is_a_span_from_start_to_stop()
    {
        using var recorder = TelemetryRecorder.Start();

        new JobRunner().Run("job-1", JobKind.Predict);

        Assert.Equal(new[] { JobStart.Name, JobStop.Name }, recorder.Names);
        var stop = recorder.Single<JobStop>();
        Assert.Equal("job-1", stop.JobId);
        Assert.Equal(JobKind.Predict, stop.Kind);          // carried over from the start
        Assert.True(stop.Succeeded);
        Assert.True(stop.Duration > TimeSpan.Zero);
    }

    [Fact]
    public void A_failed_job_is_reported_as_failed()
    {
        using var recorder = TelemetryRecorder.Start();

        var succeeded = new JobRunner().Run("job-2-bad", JobKind.Embed);

        Assert.False(succeeded);
        Assert.False(recorder.Single<JobStop>().Succeeded);
    }
}
