using System;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Snakepit.Telemetry.Events;
using Snakepit.Telemetry.StatsD;

namespace Snakepit.Telemetry.Benchmarks;

/// <summary>
/// What StatsD costs: on the recording thread, the generated emitter of <c>snakepit.python.call.stop</c> (two
/// instruments: a duration histogram tagged node, pool_name, command and a counter tagged node, pool_name) with a
/// <see cref="StatsDExporter"/> listening, against the same emit with a <see cref="MeterListener"/> that does nothing
/// with the values (the floor any exporter pays); and on the flush, sending 1,000 buffered lines to a loopback socket.
/// </summary>
[MemoryDiagnoser]
public class StatsDBenchmarks
{
    private const int LinesPerFlush = 1000;
    private static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(12.5);
    private UdpClient? _daemon;
    private StatsDExporter? _exporter;
    private MeterListener? _listener;
    private Meter? _flushMeter;
    private Counter<long>? _flushCounter;
    private StatsDExporter? _flushExporter;
    private double _sum;

    [GlobalSetup(Target = nameof(Emit_NullListener))]
    public void ListenWithNothing()
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SnakepitEvents.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => _sum += value);
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => _sum += value);
        _listener.Start();
    }

    [GlobalSetup(Target = nameof(Emit_StatsD))]
    public void ListenWithStatsD() => _exporter = ExporterToLoopback(SnakepitEvents.MeterName, TimeSpan.FromMilliseconds(100));

    [GlobalSetup(Target = nameof(Flush_1000Lines))]
    public void PrepareFlush()
    {
        _flushMeter = new Meter("bench.statsd.flush");
        _flushCounter = _flushMeter.CreateCounter<long>("snakepit.python.call.stop.count");
        _flushExporter = ExporterToLoopback(_flushMeter.Name, TimeSpan.FromHours(1));
    }

    /// <summary>An exporter of <paramref name="meterName"/> to a loopback socket that nobody reads (the kernel drops what overflows it).</summary>
    private StatsDExporter ExporterToLoopback(string meterName, TimeSpan flushInterval)
    {
        _daemon = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var options = new StatsDExporterOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)_daemon.Client.LocalEndPoint!).Port,
            FlushInterval = flushInterval,
        };
        options.MeterNames.Add(meterName);
        return new StatsDExporter(options);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _exporter?.Dispose();
        _flushExporter?.Dispose();
        _flushMeter?.Dispose();
        _listener?.Dispose();
        _daemon?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Emit_NullListener() =>
        SnakepitEvents.PythonCallStop(Duration, "default", "default_worker_1", "predict", "c-1", PythonCallStopResult.Success);

    [Benchmark]
    public void Emit_StatsD() =>
        SnakepitEvents.PythonCallStop(Duration, "default", "default_worker_1", "predict", "c-1", PythonCallStopResult.Success);

    /// <summary>1,000 counter lines recorded, then one flush: about 20 packets of up to 1432 bytes to a loopback socket.</summary>
    [Benchmark(OperationsPerInvoke = LinesPerFlush)]
    public void Flush_1000Lines()
    {
        var counter = _flushCounter!;
        for (var i = 0; i < LinesPerFlush; i++)
        {
            counter.Add(1, new("node", "node-a"), new("pool_name", "default"));
        }

        _flushExporter!.Flush();
    }
}
