using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>
/// A real Prometheus server on a loopback port, scraping the given targets every second, with its data in a temporary
/// folder that is deleted on dispose (after the server is stopped).
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    private readonly string _folder;
    private readonly ChildProcess _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public PrometheusServer(IEnumerable<string> targets)
    {
        _folder = Path.Combine(Path.GetTempPath(), "snakepit-prometheus-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var config = Path.Combine(_folder, "prometheus.yml");
        File.WriteAllText(config, Config(targets));
        Port = FreePort.Next();
        _process = new ChildProcess(
            "prometheus",
            PrometheusBinary.Path,
            "--config.file=" + config,
            "--storage.tsdb.path=" + Path.Combine(_folder, "data"),
            $"--web.listen-address=127.0.0.1:{Port}",
            "--log.level=warn");
        _http.BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
    }

    public int Port { get; }

    public string Output => _process.Tail();

    /// <summary>The scrape configuration: one job, every target, a 1 s interval (the default is a minute).</summary>
    public static string Config(IEnumerable<string> targets) =>
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n" +
        "scrape_configs:\n  - job_name: snakepit\n    static_configs:\n      - targets: [" +
        string.Join(", ", targets.Select(t => "'" + t + "'")) + "]\n";

    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("Prometheus exited at start:\n" + Output);
            }

            try
            {
                using var response = await _http.GetAsync("-/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
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

        throw new TimeoutException($"Prometheus was not ready within {timeout.TotalSeconds} s:\n" + Output);
    }

    /// <summary>Runs an instant query; returns each series' labels (the value is not needed by the tests).</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> QueryAsync(string promQl, CancellationToken cancellationToken)
    {
        var url = "api/v1/query?query=" + Uri.EscapeDataString(promQl) + "&time=" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var response = await _http.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus rejected the query {promQl}: {body}");
        }

        return root.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(series => (IReadOnlyDictionary<string, string>)series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""))
            .ToList();
    }

    public void Dispose()
    {
        _process.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; nothing depends on it.
        }
    }
}
