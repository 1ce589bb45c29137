using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

// HotPath <case> <n>: sets up the case, runs its loop once (first use: registration, class constructors), then n times.
// Under callgrind, the instructions of a run with 2n minus those of a run with n are n iterations of the loop.
var name = args[0];
var n = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var handler = new CountingHandler();
Action<int> loop = name switch
{
    "direct" => Cases.Direct(handler),
    "no-handler" => Cases.Emit,
    "excluded" => Cases.Excluded(handler),
    "sampled-out" => Cases.SampledOut(handler),
    "typed" => Cases.Typed(handler),
    "generic" => Cases.Generic(),
    "span-unobserved" => Cases.Span,
    "metrics" => Cases.Metrics(),
    _ => throw new ArgumentException("unknown case " + name),
};

loop(1);
loop(n);
Console.WriteLine($"{name} {n} {handler.Count}");

internal static class Cases
{
    private static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(12);

    public static Action<int> Direct(IPythonCallStopHandler handler) => n => DirectLoop(handler, n);

    public static Action<int> Excluded(CountingHandler handler)
    {
        TelemetryHub.Default.Attach("hot-excluded", handler);
        var settings = new TelemetrySettings();
        settings.Exclude.Add("snakepit.python.*");
        TelemetryConfiguration.Apply(settings);
        return Emit;
    }

    public static Action<int> SampledOut(CountingHandler handler)
    {
        TelemetryHub.Default.Attach("hot-sampled", handler);
        var settings = new TelemetrySettings();
        settings.Sampling["snakepit.python.call.stop"] = 0.01;
        TelemetryConfiguration.Apply(settings);
        return Emit;
    }

    public static Action<int> Typed(CountingHandler handler)
    {
        TelemetryHub.Default.Attach("hot-typed", handler);
        return Emit;
    }

    public static Action<int> Generic()
    {
        TelemetryHub.Default.Attach("hot-generic", new CountingGeneric(), "snakepit.python.*");
        return Emit;
    }

    public static Action<int> Metrics()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SnakepitEvents.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => { });
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => { });
        listener.Start();
        return Emit;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Emit(int n)
    {
        for (var i = 0; i < n; i++)
        {
            SnakepitEvents.PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Span(int n)
    {
        for (var i = 0; i < n; i++)
        {
            SnakepitEvents.StartPythonCall("default", "w-1", "predict", "c-1").Stop(PythonCallStopResult.Success);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DirectLoop(IPythonCallStopHandler handler, int n)
    {
        for (var i = 0; i < n; i++)
        {
            var e = new PythonCallStop(Duration, "default", "w-1", "predict", "c-1", PythonCallStopResult.Success);
            handler.Handle(in e);
        }
    }
}

/// <summary>A typed handler that is called, never inlined: the direct case and the typed case call the same method.</summary>
internal sealed class CountingHandler : IPythonCallStopHandler
{
    public long Count;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Handle(in PythonCallStop e) => Count++;
}

/// <summary>A generic handler with the same body.</summary>
internal sealed class CountingGeneric : ITelemetryHandler
{
    public long Count;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Handle<TEvent>(in TEvent e)
        where TEvent : struct, ITelemetryEvent => Count++;
}
