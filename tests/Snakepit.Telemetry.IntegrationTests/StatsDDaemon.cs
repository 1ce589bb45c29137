using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.TestCases;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>
/// The real Etsy StatsD daemon (npm package <c>statsd</c>, pinned in tests/statsd-daemon/package.json) on loopback ports: UDP for
/// metrics, TCP for its management interface, no backend, a flush interval of an hour so values stay readable.
/// Node.js comes from Debian's packages and the daemon from npm, both installed where missing (as <c>.ci/run</c> does).
/// </summary>
internal sealed class StatsDDaemon : IDisposable
{
    private static readonly Regex Number = new(@"(?:'([^']*)'|([A-Za-z_$][\w$]*))\s*:\s*(-?[0-9.]+(?:e[-+]?\d+)?)", RegexOptions.IgnoreCase);
    private static readonly Regex List = new(@"(?:'([^']*)'|([A-Za-z_$][\w$]*))\s*:\s*\[([^\]]*)\]");

    private readonly ChildProcess _process;
    private readonly string _config;

    private StatsDDaemon(int port, int managementPort)
    {
        Port = port;
        ManagementPort = managementPort;
        _config = Path.Combine(Path.GetTempPath(), $"snakepit-statsd-{Guid.NewGuid():N}.js");
        File.WriteAllText(_config, $"{{ port: {port}, address: \"127.0.0.1\", mgmt_port: {managementPort}, mgmt_address: \"127.0.0.1\", flushInterval: 3600000, backends: [] }}\n");
        _process = new ChildProcess("statsd", NodeBinary, Path.Combine(PackageDirectory, "node_modules", "statsd", "stats.js"), _config);
    }

    /// <summary>The UDP port metrics go to.</summary>
    public int Port { get; }

    public int ManagementPort { get; }

    public string Output => _process.Tail();

    private static string PackageDirectory => Path.Combine(RepositoryRoot.Path, "tests", "statsd-daemon");

    private static string NodeBinary => s_node.Value;

    private static readonly Lazy<string> s_node = new(() =>
    {
        DebianPackages.Ensure("Node.js and npm (https://nodejs.org) to run the Etsy StatsD daemon", () => DebianPackages.Find("node") is not null && DebianPackages.Find("npm") is not null, "nodejs", "npm");
        var daemon = Path.Combine(PackageDirectory, "node_modules", "statsd", "stats.js");
        if (!File.Exists(daemon))
        {
            var log = DebianPackages.RunIn(PackageDirectory, DebianPackages.Find("npm")!, "install", "--no-audit", "--no-fund", "--ignore-scripts");
            if (!File.Exists(daemon))
            {
                throw new InvalidOperationException($"The StatsD daemon is not installed and 'npm install' in {PackageDirectory} did not install it (it needs the npm registry):\n{log}");
            }
        }

        return DebianPackages.Find("node")!;
    });

    /// <summary>Starts a daemon and waits until its management interface says it is up.</summary>
    public static async Task<StatsDDaemon> StartAsync(CancellationToken cancellationToken)
    {
        var daemon = new StatsDDaemon(FreeUdpPort(), FreePort.Next());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                if ((await daemon.CommandAsync("health", cancellationToken)).Contains("health: up", StringComparison.Ordinal))
                {
                    return daemon;
                }
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !daemon._process.HasExited)
            {
                // Not listening yet.
            }
            catch (SocketException ex)
            {
                var output = daemon.Output;
                daemon.Dispose();
                throw new InvalidOperationException("The StatsD daemon did not start: " + ex.Message + "\n" + output);
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The daemon's counters (<c>counters</c> command): name to value.</summary>
    public async Task<Dictionary<string, double>> CountersAsync(CancellationToken cancellationToken) => Numbers(await CommandAsync("counters", cancellationToken));

    /// <summary>The daemon's gauges.</summary>
    public async Task<Dictionary<string, double>> GaugesAsync(CancellationToken cancellationToken) => Numbers(await CommandAsync("gauges", cancellationToken));

    /// <summary>The daemon's timers: name to the values received since its last flush.</summary>
    public async Task<Dictionary<string, double[]>> TimersAsync(CancellationToken cancellationToken) =>
        List.Matches(await CommandAsync("timers", cancellationToken)).ToDictionary(
            m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value,
            m => m.Groups[3].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());

    /// <summary>One management command: its answer, up to <c>END</c> (or the line of <c>health</c>).</summary>
    public async Task<string> CommandAsync(string command, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ManagementPort, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\n"), cancellationToken);
        var answer = new StringBuilder();
        var buffer = new byte[65536];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!answer.ToString().Contains("END", StringComparison.Ordinal) && !(command == "health" && answer.ToString().Contains('\n')))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return answer.ToString();
    }

    private static Dictionary<string, double> Numbers(string answer) =>
        Number.Matches(answer).ToDictionary(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, m => double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        _process.Dispose();
        File.Delete(_config);
    }
}
