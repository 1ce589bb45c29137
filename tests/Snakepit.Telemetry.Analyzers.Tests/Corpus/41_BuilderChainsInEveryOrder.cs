using System;
using System.IO;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C41;

/// <summary>Builders set to background dispatch in every order: before, between and after the bindings, on locals.</summary>
public static class BuilderChainsInEveryOrder
{
    public static void Main()
    {
        var hub = TelemetryHub.Default;
        hub.Attach(new TelemetryHandlerBuilder("myapp-audit-first", new object())
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PythonCallStop>((in PythonCallStop e) => Append("calls.log", e.Command)));

        hub.Attach(new TelemetryHandlerBuilder("myapp-audit-last", new object())
            .On<PythonCallStop>((in PythonCallStop e) => Append("calls.log", e.Command))
            .On<PoolStatus>((in PoolStatus e) => Append("pools.log", e.PoolName))
            .WithDispatch(TelemetryDispatchMode.Background, 256));

        hub.Attach(new TelemetryHandlerBuilder("myapp-audit-between", new object())
            .On<PythonCallStop>((in PythonCallStop e) => Append("calls.log", e.Command))
            .WithDispatch(TelemetryDispatchMode.Background)
            .On<PoolStatus>(WritePool));

        var declared = new TelemetryHandlerBuilder("myapp-audit-local", new object());
        declared.On<PoolStatus>(WritePool);
        declared.WithDispatch(TelemetryDispatchMode.Background);
        hub.Attach(declared);

        var configured = new TelemetryHandlerBuilder("myapp-audit-initialized", new object()).WithDispatch(TelemetryDispatchMode.Background);
        configured.On<PoolStatus>(WritePool);
        hub.Attach(configured);

        var bound = new TelemetryHandlerBuilder("myapp-audit-flowing", new object()).On<PoolStatus>(WritePool);
        hub.Attach(bound.WithDispatch(TelemetryDispatchMode.Background));
    }

    private static void WritePool(in PoolStatus e) => Append("pools.log", e.PoolName);

    private static void Append(string path, string line)
    {
        try
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
        catch (IOException ex)
        {
            TelemetryHub.Default.ReportHandlerError("myapp-audit", "file", ex);
        }
    }
}
