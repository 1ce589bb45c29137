using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>
/// Finds the prometheus server binary, installing Debian's <c>prometheus</c> package where it is missing and the test
/// runs as root (as CI does). Anywhere else a missing server is a failure that says how to get one.
/// </summary>
internal static class PrometheusBinary
{
    private static readonly Lazy<string> s_path = new(Locate);

    public static string Path => s_path.Value;

    private static string Locate()
    {
        var found = Find();
        if (found is not null)
        {
            return found;
        }

        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get") || Environment.UserName != "root")
        {
            throw new InvalidOperationException(
                "The Prometheus integration test needs a real Prometheus server on PATH and could not install one " +
                $"(installing needs Debian's apt-get and root; this is {Environment.OSVersion}, user {Environment.UserName}). " +
                "Install it (Debian/Ubuntu: 'sudo apt-get install prometheus'; elsewhere: https://prometheus.io/download/) and run the tests again.");
        }

        var log = Run("apt-get", "install", "-y", "--no-install-recommends", "prometheus");
        if (Find() is null)
        {
            log += Run("apt-get", "update");
            log += Run("apt-get", "install", "-y", "--no-install-recommends", "prometheus");
        }

        return Find() ?? throw new InvalidOperationException("Installing Debian's prometheus package failed:\n" + log);
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(directory => System.IO.Path.Combine(directory, "prometheus"))
            .FirstOrDefault(File.Exists);

    private static string Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return $"$ {fileName} {string.Join(" ", arguments)} (exit {process.ExitCode})\n{output.Result}{error}\n";
    }
}
