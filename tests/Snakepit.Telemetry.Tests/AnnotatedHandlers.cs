using System;
using System.Collections.Generic;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;

namespace Snakepit.Telemetry.Tests.Annotated;

/// <summary>Everything an annotated handler class can bind, across Snakepit's catalog and the app's.</summary>
[TelemetryHandler("annotated-everything")]
public sealed partial class EverythingHandler : IPoolStatusHandler
{
    public List<string> Seen { get; } = new();

    public void Handle(in PoolStatus e) => Seen.Add("interface " + PoolStatus.Name);

    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e) => Seen.Add("method " + e.Command);

    [OnEvent("myapp.cache.lookup")]
    internal void OnLookup(CacheLookup e) => Seen.Add("by-value " + e.Key);

    [OnEvent("snakepit.session.*")]
    [OnEvent("myapp.request.*")]
    private void OnPrefix<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent => Seen.Add("prefix " + e.EventName);
}

/// <summary>Needs a service: attached through the container, not by AttachAll.</summary>
[TelemetryHandler("annotated-needs-service")]
public sealed partial class NeedsServiceHandler
{
    private readonly Counter _counter;

    public NeedsServiceHandler(Counter counter) => _counter = counter;

    [OnEvent("snakepit.pool.status")]
    public void OnStatus(in PoolStatus e) => _counter.Count++;
}

/// <summary>A service for <see cref="NeedsServiceHandler"/>.</summary>
public sealed class Counter
{
    public int Count { get; set; }
}

public static partial class Outer
{
    /// <summary>Nested in a partial class: wired too.</summary>
    [TelemetryHandler("annotated-nested")]
    internal sealed partial class NestedHandler
    {
        public int Calls { get; private set; }

        [OnEvent("myapp.never.emitted")]
        public void OnNever(in NeverEmitted e) => Calls++;
    }
}

/// <summary>A handler that blocks (file I/O), so it runs in the background.</summary>
[TelemetryHandler("annotated-background-writer", Dispatch = TelemetryDispatchMode.Background, QueueCapacity = 64)]
public sealed partial class BackgroundWriter : IPoolStatusHandler
{
    public long LastDepth { get; private set; }

    public int ThreadId { get; private set; }

    public void Handle(in PoolStatus e)
    {
        ThreadId = Environment.CurrentManagedThreadId;
        LastDepth = e.QueueDepth;
    }
}

/// <summary>What the hosting drain tests make <see cref="DrainingHandler"/> and <see cref="StuckHandler"/> do.</summary>
public sealed class DrainControl
{
    /// <summary>Holds <see cref="StuckHandler"/> in its call.</summary>
    public Gate Stuck { get; } = new();

    /// <summary>Holds <see cref="DrainingHandler"/> on the event with queue depth 0, so that later ones queue up.</summary>
    public Gate Held { get; } = new();

    /// <summary>The queue depths <see cref="DrainingHandler"/> handled after the held one, each signalled.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<long> Drained { get; } = new();

    public System.Threading.SemaphoreSlim DrainedSignal { get; } = new(0);

    public bool FailWhileDraining { get; set; }
}

/// <summary>A background handler that the host drains at shutdown (and that can fail while it does).</summary>
[TelemetryHandler("hosting-draining", Dispatch = TelemetryDispatchMode.Background)]
public sealed partial class DrainingHandler
{
    private readonly DrainControl _control;

    public DrainingHandler(DrainControl control) => _control = control;

    [OnEvent("snakepit.pool.status")]
    private void OnStatus(in PoolStatus e)
    {
        if (e.PoolName != "drain")
        {
            return;
        }

        if (e.QueueDepth == 0)
        {
            _control.Held.Pass();
            return;
        }

        _control.Drained.Enqueue(e.QueueDepth);
        _control.DrainedSignal.Release();
        if (_control.FailWhileDraining)
        {
            throw new InvalidOperationException("failed while draining " + e.QueueDepth);
        }
    }
}

/// <summary>A background handler stuck in a call at shutdown until the test lets it go.</summary>
[TelemetryHandler("hosting-stuck", Dispatch = TelemetryDispatchMode.Background)]
public sealed partial class StuckHandler
{
    private readonly DrainControl _control;

    public StuckHandler(DrainControl control) => _control = control;

    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
        if (e.Command == "stuck")
        {
            _control.Stuck.Pass();
        }
    }
}
