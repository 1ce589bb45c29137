using System;
using System.Threading;
using SnakepitStarter.Telemetry;

namespace SnakepitStarter;

/// <summary>The code that emits events: each job is a span, starterapp.job.start then starterapp.job.stop.</summary>
public sealed class JobRunner
{
    private readonly TimeSpan _workTime;

    /// <param name="workTime">How long a job pretends to work (default 5 ms).</param>
    public JobRunner(TimeSpan? workTime = null) => _workTime = workTime ?? TimeSpan.FromMilliseconds(5);

    /// <summary>Runs one job and reports it; a job whose id ends in "-bad" fails.</summary>
    public bool Run(string jobId, JobKind kind)
    {
        // Emits starterapp.job.start; a span left without Stop (an exception) is counted as abandoned when disposed.
        using var span = StarterappEvents.StartJob(jobId: jobId, kind: kind);
        Thread.Sleep(_workTime);
        var succeeded = !jobId.EndsWith("-bad", StringComparison.Ordinal);
        span.Stop(succeeded: succeeded);                                      // emits starterapp.job.stop, duration measured
        return succeeded;
    }
}
