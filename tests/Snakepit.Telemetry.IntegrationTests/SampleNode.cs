using System;
using System.IO;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.TestCases;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>One node of the cluster: samples/Snakepit.Sample.OpenTelemetry running with a node name and a scrape port.</summary>
internal sealed class SampleNode : IDisposable
{
    private readonly ChildProcess _process;

    public SampleNode(string node)
    {
        Node = node;
        Port = FreePort.Next();
        _process = new ChildProcess(node, "dotnet", SamplePath, "--node", node, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--interval-ms", "20");
    }

    public string Node { get; }

    public int Port { get; }

    public string Target => $"127.0.0.1:{Port}";

    public string Output => _process.Tail();

    /// <summary>The sample as built beside these tests (same configuration), run with <c>dotnet</c>.</summary>
    public static string SamplePath
    {
        get
        {
            var configuration = typeof(SampleNode).Assembly.GetCustomAttribute<AssemblyMetadataAttribute>()?.Value ?? "Debug";
            var path = Path.Combine(RepositoryRoot.Path, "samples", "Snakepit.Sample.OpenTelemetry", "bin", configuration, "net10.0", "Snakepit.Sample.OpenTelemetry.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("The OpenTelemetry sample is not built; the test project references it, so build the solution.", path);
        }
    }

    /// <summary>Waits until the node's /metrics answers with Snakepit's metrics.</summary>
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
                if (body.Contains("snakepit_python_call_stop_count_total", StringComparison.Ordinal))
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

        throw new TimeoutException($"Node {Node} served no Snakepit metrics within {timeout.TotalSeconds} s:\n" + Output);
    }

    public void Dispose() => _process.Dispose();
}
