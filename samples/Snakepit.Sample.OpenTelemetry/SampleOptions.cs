using System;
using System.Globalization;

namespace Snakepit.Sample.OpenTelemetry;

/// <summary>The sample's command line: <c>--node</c>, <c>--port</c>, <c>--otlp</c>, <c>--console-traces</c>, <c>--seconds</c>, <c>--interval-ms</c>.</summary>
public sealed class SampleOptions
{
    public const string Usage =
        "usage: Snakepit.Sample.OpenTelemetry [--node NAME] [--port PORT] [--otlp URL] [--console-traces] [--seconds N] [--interval-ms N]\n" +
        "  --node NAME        the node tag of every metric (default: the machine name)\n" +
        "  --port PORT        the Prometheus scrape endpoint, http://127.0.0.1:PORT/metrics (default 9464)\n" +
        "  --otlp URL         also push metrics and traces over OTLP/gRPC, e.g. http://localhost:4317\n" +
        "  --console-traces   print every finished span (Activity) to the console\n" +
        "  --seconds N        stop after N seconds (default: run until Ctrl+C)\n" +
        "  --interval-ms N    time between simulated requests (default 20)";

    public string Node { get; private set; } = Environment.MachineName;

    public int Port { get; private set; } = 9464;

    public Uri? Otlp { get; private set; }

    public bool ConsoleTraces { get; private set; }

    public TimeSpan? Duration { get; private set; }

    public TimeSpan Interval { get; private set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> with the usage for a wrong one.</summary>
    public static SampleOptions Parse(string[] args)
    {
        var options = new SampleOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (args[i])
            {
                case "--node": options.Node = Value(); break;
                case "--port": options.Port = Number(Value(), 1, 65535); break;
                case "--otlp": options.Otlp = new Uri(Value()); break;
                case "--console-traces": options.ConsoleTraces = true; break;
                case "--seconds": options.Duration = TimeSpan.FromSeconds(Number(Value(), 1, int.MaxValue)); break;
                case "--interval-ms": options.Interval = TimeSpan.FromMilliseconds(Number(Value(), 1, 60_000)); break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
            }
        }

        return options;
    }

    private static int Number(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"'{text}' is not a number from {min} to {max}.\n{Usage}");
}
