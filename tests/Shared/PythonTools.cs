using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Snakepit.Telemetry.TestCases;

/// <summary>
/// The Python tools tests run: Debian's <c>python3</c>, and pyright from npm (version pinned by
/// tests/pyright/package-lock.json; <c>.ci/run</c> installs it, and so does the first test that needs it). Missing and
/// not installable, a test fails saying what to install.
/// </summary>
internal static class PythonTools
{
    private static readonly Lazy<string> s_python = new(() =>
    {
        DebianPackages.Ensure("python3 (https://www.python.org/downloads/) to run the generated Python modules", () => DebianPackages.Find("python3") is not null, "python3");
        return DebianPackages.Find("python3")!;
    });

    private static readonly Lazy<string> s_pyright = new(() =>
    {
        DebianPackages.Ensure("Node.js and npm (https://nodejs.org) to run pyright", () => DebianPackages.Find("node") is not null && DebianPackages.Find("npm") is not null, "nodejs", "npm");
        var directory = System.IO.Path.Combine(RepositoryRoot.Path, "tests", "pyright");
        var script = System.IO.Path.Combine(directory, "node_modules", "pyright", "index.js");
        if (!File.Exists(script))
        {
            var log = DebianPackages.RunIn(directory, DebianPackages.Find("npm")!, "ci", "--no-audit", "--no-fund", "--ignore-scripts");
            if (!File.Exists(script))
            {
                throw new InvalidOperationException($"pyright is not installed and 'npm ci' in {directory} did not install it (it needs the npm registry; or run 'npm ci' there yourself):\n{log}");
            }
        }

        return script;
    });

    /// <summary>The python3 interpreter.</summary>
    public static string Python => s_python.Value;

    /// <summary>Runs <c>python3 -S</c> (the standard library alone, no site-packages) with <c>PYTHONPATH</c> set to <paramref name="pythonPath"/>.</summary>
    public static Result RunPython(string pythonPath, string workingDirectory, params string[] arguments)
    {
        var all = new List<string> { "-S" };
        all.AddRange(arguments);
        return Run(Python, workingDirectory, new Dictionary<string, string> { ["PYTHONPATH"] = pythonPath, ["PYTHONIOENCODING"] = "utf-8" }, all);
    }

    /// <summary>Runs pyright (its JSON output) in <paramref name="workingDirectory"/> with <paramref name="arguments"/>.</summary>
    public static Result RunPyright(string workingDirectory, params string[] arguments)
    {
        var all = new List<string> { s_pyright.Value, "--outputjson" };
        all.AddRange(arguments);
        return Run(DebianPackages.Find("node")!, workingDirectory, new Dictionary<string, string>(), all);
    }

    private static Result Run(string program, string workingDirectory, IDictionary<string, string> environment, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error, $"$ {program} {string.Join(" ", arguments)} (exit {process.ExitCode})");
    }

    /// <summary>What a run printed.</summary>
    internal sealed record Result(int ExitCode, string Output, string Error, string CommandLine)
    {
        public override string ToString() => $"{CommandLine}\n{Output}\n{Error}";
    }
}
