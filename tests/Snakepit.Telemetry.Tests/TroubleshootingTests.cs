using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Linq;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// The guide's troubleshooting, answered by the runtime: handler statistics, a diagnosis per event, a report for a
/// log, and failures that reach the platform's own channels with no failure handler attached.
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class TroubleshootingTests : IDisposable
{
    public void Dispose()
    {
        TelemetryHub.Default.DetachAll();
        TelemetryConfiguration.Apply(new TelemetrySettings());
    }

    [Fact]
    public void ListHandlers_counts_received_events_and_failures()
    {
        TelemetryHub.Default.Attach<PoolStatus>("counted", (in PoolStatus e) => { });
        for (var i = 0; i < 5; i++)
        {
            SnakepitEvents.PoolStatus(1, 1, i, 2, "default");
        }

        TelemetryHub.Default.ReportHandlerError("counted", PoolStatus.Name, new InvalidOperationException("caught"));
        var info = Assert.Single(TelemetryHub.Default.ListHandlers());
        Assert.Equal(5, info.ReceivedEvents);
        Assert.Equal(1, info.Failures);
        Assert.Equal("counted [snakepit.pool.status] Inline: received 5, failures 1", info.ToString());
    }

    [Fact]
    public void Diagnose_says_why_an_event_does_or_does_not_reach_handlers()
    {
        var unknown = TelemetryHub.Default.Diagnose("snakepit.pool.stauts");
        Assert.False(unknown.IsKnown);
        Assert.Contains("not declared by any loaded catalog", unknown.ToString());

        var nobody = TelemetryHub.Default.Diagnose("snakepit.python.call.stop");
        Assert.True(nobody.IsKnown);
        Assert.Equal("high", nobody.Frequency);
        Assert.False(nobody.ReachesHandlers);
        Assert.Contains("no handler receives it", nobody.ToString());

        TelemetryHub.Default.Attach<PythonCallStop>("stops", (in PythonCallStop e) => { });
        var settings = new TelemetrySettings();
        settings.Sampling["high"] = 0.25;
        settings.Exclude.Add("myapp.cache.*");
        TelemetryConfiguration.Apply(settings);

        var sampled = TelemetryHub.Default.Diagnose("snakepit.python.call.stop");
        Assert.True(sampled.ReachesHandlers);
        Assert.Equal(0.25, sampled.SamplingRate);
        Assert.Equal("stops", Assert.Single(sampled.Handlers).Id);
        Assert.Contains("sampled at 0.25 by 'high'", sampled.ToString());

        var excluded = TelemetryHub.Default.Diagnose(CacheLookup.Name);
        Assert.False(excluded.IsAllowed);
        Assert.Contains("not emitted: excluded by 'myapp.cache.*'", excluded.ToString());
    }

    [Fact]
    public void Describe_reports_handlers_and_settings_for_a_log()
    {
        TelemetryHub.Default.Attach<PoolStatus>("described", (in PoolStatus e) => { });
        TelemetryHub.Default.Attach(new TelemetryHandlerBuilder("described-background", new object())
            .WithDispatch(TelemetryDispatchMode.Background, 8)
            .On<PythonCallStop>((in PythonCallStop e) => { }));

        var report = TelemetryHub.Default.Describe();

        Assert.StartsWith("TelemetryHub.Default: 2 handlers", report);
        Assert.Contains("  described [snakepit.pool.status] Inline: received 0, failures 0", report);
        Assert.Contains("  described-background [snakepit.python.call.stop] Background: received 0, failures 0, queued 0, dropped 0", report);
        Assert.Contains("Settings: enabled; excluded: none; sampling: none", report);
    }

    [Fact]
    public void A_failure_with_no_failure_handler_reaches_the_EventSource_and_the_failures_counter()
    {
        using var events = new FailureListener();
        using var counter = new MeasurementRecorder(TelemetryEventSource.MeterName);
        TelemetryHub.Default.Attach<PoolStatus>("unwatched", (in PoolStatus e) => throw new InvalidOperationException("nobody listens"));

        SnakepitEvents.PoolStatus(1, 1, 1, 2, "default");

        var written = Assert.Single(events.Failures);
        Assert.Equal(("unwatched", "snakepit.pool.status", "System.InvalidOperationException", "nobody listens", true), written);
        var counted = Assert.Single(counter.Of("snakepit.telemetry.handler.failures"));
        Assert.Equal(1L, counted.Value);
        Assert.Equal("unwatched", counted.Tags["handler_id"]);
    }

    [Fact]
    public void With_timing_on_a_slow_handler_is_reported_once_a_second_and_with_timing_off_never()
    {
        var slow = new SlowRecorder();
        TelemetryHub.Default.Attach("slow-watch", slow);
        TelemetryHub.Default.Attach<PoolStatus>("sleepy", (in PoolStatus e) => System.Threading.Thread.Sleep(5));

        SnakepitEvents.PoolStatus(1, 1, 1, 2, "default");
        Assert.Empty(slow.Seen);

        TelemetryConfiguration.Apply(new TelemetrySettings { TimeHandlers = true, SlowHandlerThreshold = TimeSpan.FromMilliseconds(1) });
        SnakepitEvents.PoolStatus(1, 1, 1, 2, "default");
        SnakepitEvents.PoolStatus(1, 1, 1, 2, "default");

        var reported = Assert.Single(slow.Seen);
        Assert.Equal(("sleepy", "snakepit.pool.status"), (reported.HandlerId, reported.SlowEventName));
        Assert.True(reported.Duration >= TimeSpan.FromMilliseconds(4), $"measured {reported.Duration}");
    }

    [Fact]
    public void A_slow_background_handler_is_timed_on_its_worker()
    {
        var slow = new SlowRecorder();
        TelemetryHub.Default.Attach("slow-watch-background", slow);
        TelemetryHub.Default.Attach(new TelemetryHandlerBuilder("sleepy-background", new object())
            .WithDispatch(TelemetryDispatchMode.Background, 8)
            .On<PoolStatus>((in PoolStatus e) => System.Threading.Thread.Sleep(5)));
        TelemetryConfiguration.Apply(new TelemetrySettings { TimeHandlers = true, SlowHandlerThreshold = TimeSpan.FromMilliseconds(1) });

        SnakepitEvents.PoolStatus(1, 1, 1, 2, "default");
        Assert.True(TelemetryHub.Default.WaitForBackgroundHandler("sleepy-background", TimeSpan.FromSeconds(30)));

        Assert.Equal("sleepy-background", Assert.Single(slow.Seen).HandlerId);
    }

    private sealed class SlowRecorder : ITelemetryHandlerSlowHandler
    {
        public ConcurrentQueue<TelemetryHandlerSlow> Seen { get; } = new();

        public void Handle(in TelemetryHandlerSlow e) => Seen.Enqueue(e);
    }

    private sealed class FailureListener : EventListener
    {
        public ConcurrentQueue<(string, string, string, string, bool)> Failures { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == TelemetryEventSource.SourceName)
            {
                EnableEvents(source, EventLevel.Warning);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventId == TelemetryEventSource.HandlerFailedEventId && e.Payload is { Count: 5 } p)
            {
                Failures.Enqueue(((string)p[0]!, (string)p[1]!, (string)p[2]!, (string)p[3]!, (bool)p[4]!));
            }
        }
    }
}
