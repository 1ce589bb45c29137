using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace Snakepit.Telemetry.PackageTests;

/// <summary>
/// Packs Snakepit.Telemetry once (Release, as `dotnet pack -c Release -o DIR` does) into a folder of its own,
/// with a version of its own, and restores consumers into a packages folder of their own, so no cache hides a
/// stale or broken package.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "snakepit-package-tests-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        PackageDirectory = Path.Combine(Root, "packages");
        Directory.CreateDirectory(PackageDirectory);
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");

        var pack = Run(
            RepositoryRoot,
            "pack", Path.Combine(RepositoryRoot, "src", "Snakepit.Telemetry", "Snakepit.Telemetry.csproj"),
            "-c", "Release", "-o", PackageDirectory, "-p:Version=" + Version);
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
        }

        var packOutputs = new Dictionary<string, string> { ["Snakepit.Telemetry"] = pack.Output };

        // The companion packages, for consumers (and documentation snippets) that use them.
        foreach (var companion in new[] { "Snakepit.Telemetry.Hosting", "Snakepit.Telemetry.Testing", "Snakepit.Telemetry.StatsD" })
        {
            var packed = Run(
                RepositoryRoot,
                "pack", Path.Combine(RepositoryRoot, "src", companion, companion + ".csproj"),
                "-c", "Release", "-o", PackageDirectory, "-p:Version=" + Version);
            if (packed.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack of {companion} failed:\n" + packed.Output);
            }

            packOutputs[companion] = packed.Output;
        }

        PackOutputs = packOutputs;
        PackagePath = Directory.GetFiles(PackageDirectory, "Snakepit.Telemetry." + Version + ".nupkg").Single();
        AppOutputLines = new Lazy<IReadOnlyList<string>>(() =>
        {
            var app = CopyConsumer("App");
            var run = Dotnet(app, "run", "--project", Path.Combine(app, "Consumer.App.csproj"));
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException("The consumer app failed:\n" + run.Output);
            }

            return run.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        });
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{PackageDirectory}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{MachinePackagesFolder()}" />
              </fallbackPackageFolders>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Root, "restored")}" />
              </config>
            </configuration>
            """);
    }

    /// <summary>The output lines of the App consumer, built against the package and run once for the tests that read it.</summary>
    public Lazy<IReadOnlyList<string>> AppOutputLines { get; }

    public string Root { get; }

    public string PackageDirectory { get; }

    public string PackagePath { get; }

    /// <summary>What `dotnet pack` printed for each package, by package id.</summary>
    public IReadOnlyDictionary<string, string> PackOutputs { get; }

    /// <summary>The ids of the packages the fixture packs.</summary>
    public static IReadOnlyList<string> PackageIds { get; } = new[] { "Snakepit.Telemetry", "Snakepit.Telemetry.Hosting", "Snakepit.Telemetry.Testing", "Snakepit.Telemetry.StatsD" };

    public string Version { get; }

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Copies a consumer project from Consumers/ into the fixture's folder, where nuget.config applies.</summary>
    public string CopyConsumer(string name)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Consumers", name);
        var target = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N").Substring(0, 6));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        // Tools that take no MSBuild properties (dotnet format) still see the package version.
        File.WriteAllText(Path.Combine(target, "Directory.Build.props"), $"<Project><PropertyGroup><SnakepitVersion>{Version}</SnakepitVersion></PropertyGroup></Project>");
        return target;
    }

    public (int ExitCode, string Output) Dotnet(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, arguments.Concat(new[] { "-p:SnakepitVersion=" + Version }).ToArray());

    /// <summary>Runs dotnet without adding MSBuild properties, for tools that take none (the version comes from Directory.Build.props).</summary>
    public (int ExitCode, string Output) DotnetTool(string workingDirectory, params string[] arguments) => Run(workingDirectory, arguments);

    private static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The consumer's restore must not see this repository's central package management or build settings.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)TimeSpan.FromMinutes(8).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output + "\n(timed out)");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    /// <summary>The machine's packages folder, used read-only so consumers do not download what is already there.</summary>
    private static string MachinePackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Snakepit.Generators.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Snakepit.Generators.sln not found");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
