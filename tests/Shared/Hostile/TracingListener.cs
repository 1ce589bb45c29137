using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Snakepit.Telemetry.TestCases;

/// <summary>
/// Traces the runtime's <c>Snakepit-Telemetry</c> EventSource in-process, as <c>dotnet-trace</c> does from outside (the
/// setting docs/troubleshooting.md recommends): while one is alive, failure reporting writes every failure's text.
/// </summary>
internal sealed class TracingListener : EventListener
{
    private const string SourceName = "Snakepit-Telemetry";

    public ConcurrentQueue<EventWrittenEventArgs> Written { get; } = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == SourceName)
        {
            EnableEvents(source, EventLevel.Verbose);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventSource.Name == SourceName)
        {
            Written.Enqueue(e);
        }
    }

    /// <summary>Starts tracing when <paramref name="on"/>, else returns a listener that traces nothing.</summary>
    public static IDisposable StartIf(bool on) => on ? new TracingListener() : new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
