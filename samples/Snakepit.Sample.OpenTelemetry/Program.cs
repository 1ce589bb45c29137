using System;
using System.Threading;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Snakepit.Sample.OpenTelemetry;
using Snakepit.Telemetry.Events;

SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

// The node tag that tells the nodes of a cluster apart in Prometheus.
SnakepitEvents.CommonMetadata.Node = options.Node;
var resource = ResourceBuilder.CreateDefault().AddService("snakepit-sample", serviceInstanceId: options.Node);

// Metrics: the catalog's Meter, scraped by Prometheus (and pushed over OTLP if asked).
var metrics = Sdk.CreateMeterProviderBuilder()
    .SetResourceBuilder(resource)
    .AddMeter(SnakepitEvents.MeterName)
    .AddPrometheusHttpListener(listener =>
    {
        listener.Host = "127.0.0.1";
        listener.Port = options.Port;
    });

// Traces: the catalog's ActivitySource; every Python call span is an Activity.
var traces = Sdk.CreateTracerProviderBuilder()
    .SetResourceBuilder(resource)
    .AddSource(SnakepitEvents.ActivitySourceName);

if (options.Otlp is { } endpoint)
{
    metrics.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
    traces.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
}

if (options.ConsoleTraces)
{
    traces.AddConsoleExporter();
}

using var meterProvider = metrics.Build();
using var tracerProvider = traces.Build();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
if (options.Duration is { } duration)
{
    stop.CancelAfter(duration);
}

Console.WriteLine($"node {options.Node}: metrics at http://127.0.0.1:{options.Port}/metrics" +
    (options.Otlp is null ? "" : $", OTLP to {options.Otlp}") + ". Ctrl+C stops.");

var pool = new LivePool("default", size: 4);
await pool.RunAsync(options.Interval, stop.Token);

Console.WriteLine($"node {options.Node}: {pool.Requests} Python calls simulated.");
return 0;
