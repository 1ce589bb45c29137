using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Snakepit.Telemetry.TestCases;

/// <summary>
/// The real programs tests run beside us (a Prometheus server, clang for Native AOT), from Debian's packages:
/// installed where missing when the tests run as root on Debian (as CI does), otherwise a failure that says what to
/// install. A test never skips silently for want of one.
/// </summary>
internal static class DebianPackages
{
    private static readonly object s_lock = new();

    /// <summary>The full path of <paramref name="program"/> on PATH (or /usr/bin), or null.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Makes sure <paramref name="isPresent"/> holds, installing <paramref name="packages"/> with apt-get if it does
    /// not and this is root on Debian; throws with what to do otherwise.
    /// </summary>
    public static void Ensure(string what, Func<bool> isPresent, params string[] packages)
    {
        lock (s_lock)
        {
            if (isPresent())
            {
                return;
            }

            var install = $"Debian/Ubuntu: 'sudo apt-get install {string.Join(" ", packages)}'";
            if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get") || Environment.UserName != "root")
            {
                throw new InvalidOperationException(
                    $"This test needs {what} and could not install it (installing needs Debian's apt-get and root; this is " +
                    $"{Environment.OSVersion}, user {Environment.UserName}). Install it ({install}) and run the tests again.");
            }

            var log = Run("apt-get", new[] { "install", "-y", "--no-install-recommends" }.Concat(packages).ToArray());
            if (!isPresent())
            {
                log += Run("apt-get", "update");
                log += Run("apt-get", new[] { "install", "-y", "--no-install-recommends" }.Concat(packages).ToArray());
            }

            if (!isPresent())
            {
                throw new InvalidOperationException($"Installing {string.Join(" ", packages)} for {what} failed:\n{log}");
            }
        }
    }

    private static string Run(string fileName, params string[] arguments) => RunIn(null, fileName, arguments);

    /// <summary>Runs a program to its end (in <paramref name="directory"/>, if given): its command line, exit code and output, for a failure message.</summary>
    internal static string RunIn(string? directory, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory ?? "" };
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
