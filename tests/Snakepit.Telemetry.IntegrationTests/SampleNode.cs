using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.TestCases;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>
/// One node of the cluster, running with a node name and a scrape port: samples/Snakepit.Sample.OpenTelemetry
/// (Snakepit's catalog), or tests/Snakepit.Telemetry.DashboardNode (the richer warehouse catalog).
/// </summary>
internal sealed class SampleNode : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _series;

    /// <summary>A node of the OpenTelemetry sample.</summary>
    public SampleNode(string node)
        : this(node, SamplePath, "snakepit_python_call_stop_count_total")
    {
    }

    private SampleNode(string node, string path, string series)
    {
        Node = node;
        Port = FreePort.Next();
        _series = series;
        _process = new ChildProcess(node, "dotnet", path, "--node", node, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--interval-ms", "20");
    }

    /// <summary>A node recording every metric of tests/Snakepit.Telemetry.DashboardNode/warehouse.events.yaml.</summary>
    public static SampleNode Warehouse(string node) =>
        new(node, BuiltPath("tests", "Snakepit.Telemetry.DashboardNode"), "warehouse_pick_stop_count_total");

    public string Node { get; }

    public int Port { get; }

    public string Target => $"127.0.0.1:{Port}";

    public string Output => _process.Tail();

    /// <summary>The sample as built beside these tests (same configuration), run with <c>dotnet</c>.</summary>
    public static string SamplePath => BuiltPath("samples", "Snakepit.Sample.OpenTelemetry");

    /// <summary>A node program as built beside these tests (same configuration): the test project references it.</summary>
    private static string BuiltPath(string folder, string project)
    {
        var configuration = typeof(SampleNode).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "SampleConfiguration")?.Value ?? "Debug";
        var path = Path.Combine(RepositoryRoot.Path, folder, project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} is not built; the test project references it, so build the test project.", path);
    }

    /// <summary>Waits until the node's /metrics answers with its catalog's metrics.</summary>
    public async Task WaitUntilScrapableAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Node {Node} exited at start:\n" + Output);
            }

            try
            {
                var body = await http.GetStringAsync($"http://{Target}/metrics", cancellationToken);
                if (body.Contains(_series, StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"Node {Node} served no {_series} within {timeout.TotalSeconds} s:\n" + Output);
    }

    public void Dispose() => _process.Dispose();
}
