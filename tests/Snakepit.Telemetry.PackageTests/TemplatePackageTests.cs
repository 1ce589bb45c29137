using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Snakepit.Telemetry.PackageTests;

/// <summary>
/// The template pack as users meet it: packed beside the other packages with their version, installed into a template
/// hive of its own, `dotnet new snakepit -n Acme.Pool`, then the bare `dotnet test` and `dotnet run` in the folder it made.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class TemplatePackageTests
{
    private readonly PackageFixture _package;

    public TemplatePackageTests(PackageFixture package) => _package = package;

    [Fact]
    public void Dotnet_new_snakepit_makes_an_app_whose_tests_pass_and_whose_run_shows_its_events()
    {
        var pack = _package.DotnetTool(
            PackageFixture.RepositoryRoot,
            "pack", Path.Combine(PackageFixture.RepositoryRoot, "src", "Snakepit.Telemetry.Templates", "Snakepit.Telemetry.Templates.csproj"),
            "-c", "Release", "-o", _package.PackageDirectory, "-p:Version=" + _package.Version);
        Assert.True(pack.ExitCode == 0, "dotnet pack of the template pack failed:\n" + pack.Output);
        var templates = Path.Combine(_package.PackageDirectory, $"Snakepit.Telemetry.Templates.{_package.Version}.nupkg");
        var (entries, nuspec) = PackageTests.Contents(templates);
        Assert.Contains("<packageType name=\"Template\" />", nuspec, StringComparison.Ordinal);
        Assert.Contains("content/templates/snakepit/.template.config/template.json", entries);

        // A hive of the test's own: nothing of the machine's installed templates, and nothing left behind.
        var hive = Path.Combine(_package.Root, "template-hive-" + Guid.NewGuid().ToString("N").Substring(0, 6));
        var install = _package.DotnetTool(_package.Root, "new", "install", templates, "--debug:custom-hive", hive);
        Assert.True(install.ExitCode == 0, "dotnet new install failed:\n" + install.Output);
        Assert.Contains("snakepit", install.Output, StringComparison.Ordinal);

        // Under the fixture's folder, whose nuget.config isolates the restore; --package-source as README.md says.
        var work = Path.Combine(_package.Root, "template-" + Guid.NewGuid().ToString("N").Substring(0, 6));
        Directory.CreateDirectory(work);
        var created = _package.DotnetTool(work, "new", "snakepit", "-n", "Acme.Pool", "--package-source", _package.PackageDirectory, "--debug:custom-hive", hive);
        Assert.True(created.ExitCode == 0, "dotnet new snakepit failed:\n" + created.Output);

        // The app at the top of the folder (so a bare `dotnet run` finds it), its tests in a subfolder, and a solution of
        // the app's name beside it (so a bare `dotnet test` builds and runs them).
        var folder = Path.Combine(work, "Acme.Pool");
        var tests = Path.Combine(folder, "Acme.Pool.Tests");
        Assert.True(File.Exists(Path.Combine(folder, "Acme.Pool.sln")), "no Acme.Pool.sln in:\n" + Listing(folder));
        Assert.Equal(new[] { Path.Combine(folder, "Acme.Pool.csproj") }, Directory.GetFiles(folder, "*.*proj"));
        Assert.Contains("catalog: acmepool", File.ReadAllText(Path.Combine(folder, "events.yaml")), StringComparison.Ordinal);
        Assert.Contains("[TelemetryHandler(\"acmepool-job-monitor\")]", File.ReadAllText(Path.Combine(folder, "JobMonitor.cs")), StringComparison.Ordinal);
        Assert.Contains($"Include=\"Snakepit.Telemetry\" Version=\"{_package.Version}\"", File.ReadAllText(Path.Combine(folder, "Acme.Pool.csproj")), StringComparison.Ordinal);
        Assert.Contains(
            $"Include=\"Snakepit.Telemetry.Testing\" Version=\"{_package.Version}\"",
            File.ReadAllText(Path.Combine(tests, "Acme.Pool.Tests.csproj")),
            StringComparison.Ordinal);
        Assert.Contains($"value=\"{_package.PackageDirectory}\"", File.ReadAllText(Path.Combine(folder, "nuget.config")), StringComparison.Ordinal);
        Assert.DoesNotContain(
            Directory.GetFiles(folder, "*", SearchOption.AllDirectories),
            f => Regex.IsMatch(File.ReadAllText(f), "SnakepitStarter|STARTER_FILE_NAME|[Ss]tarterapp|SNAKEPIT_PACKAGE_VERSION|0\\.0\\.0-snakepit|PACKAGE_SOURCE_FOLDER"));

        // Exactly what a user types in the folder dotnet new made: `dotnet test`, then `dotnet run`.
        var test = _package.DotnetTool(folder, "test");
        Assert.True(test.ExitCode == 0, "dotnet test in the new folder failed:\n" + test.Output);
        var passed = Regex.Match(test.Output, @"Failed:\s+0, Passed:\s+(\d+)");
        Assert.True(passed.Success && int.Parse(passed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 3, "expected 3 or more passing tests:\n" + test.Output);
        Assert.DoesNotMatch(new Regex(@"warning (CS|SNK|CA|IDE|NU)\d+"), test.Output);

        var run = _package.DotnetTool(folder, "run");
        Assert.True(run.ExitCode == 0, "dotnet run in the new folder failed:\n" + run.Output);
        var lines = run.Output.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains("acmepool.job.start job-1 kind=predict", lines);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^acmepool\.job\.stop job-1 succeeded=True duration_ms=\d"));
        Assert.Contains("acmepool.job.start job-2 kind=embed", lines);
        Assert.Contains(lines, l => l.StartsWith("acmepool.job.stop job-3-bad succeeded=False ", StringComparison.Ordinal));
        Assert.Contains("3 jobs started, 2 succeeded, 1 failed", lines);

        // The app's assembly holds none of the tests (nor xunit): the test folder is not part of the app's project.
        Assert.DoesNotContain(
            Directory.GetFiles(Path.Combine(folder, "bin"), "*", SearchOption.AllDirectories),
            f => Path.GetFileName(f).StartsWith("xunit", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(f).StartsWith("Acme.Pool.Tests", StringComparison.Ordinal));

        // A failing test fails `dotnet test`, and says which.
        File.WriteAllText(Path.Combine(tests, "FailingTests.cs"), """
            using Xunit;

            namespace Acme.Pool.Tests;

            public class FailingTests
            {
                [Fact]
                public void Deliberately_fails() => Assert.Equal(1, 2);
            }
            """);
        var failing = _package.DotnetTool(folder, "test");
        Assert.True(failing.ExitCode != 0, "dotnet test passed with a failing test:\n" + failing.Output);
        Assert.Matches(new Regex(@"Failed:\s+1, Passed:\s+\d+"), failing.Output);
        Assert.Contains("Deliberately_fails", failing.Output, StringComparison.Ordinal);
    }

    private static string Listing(string directory) =>
        Directory.Exists(directory)
            ? string.Join("\n", Directory.GetFiles(directory, "*", SearchOption.AllDirectories))
            : directory + " does not exist";
}
