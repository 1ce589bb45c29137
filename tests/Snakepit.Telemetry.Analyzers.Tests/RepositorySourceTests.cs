using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Snakepit.Telemetry.Analyzers.Tests.Robustness;
using Xunit;
using Xunit.Abstractions;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>
/// Every analyzer and every code fix over the repository's own source: each project folder of src/, samples/ and tests/
/// as one compilation (the framework and Snakepit.Telemetry referenced, no packages, so compile errors are expected),
/// with the AdditionalFiles its project has; no analyzer throws (no AD0001), no fix of a diagnostic found throws.
/// </summary>
public class RepositorySourceTests
{
    private readonly ITestOutputHelper _output;

    public RepositorySourceTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Projects()
    {
        var data = new TheoryData<string>();
        foreach (var group in RepositoryProjects.All.Keys)
        {
            data.Add(group);
        }

        return data;
    }

    [Fact]
    public void Every_project_folder_is_found()
    {
        var groups = RepositoryProjects.All;
        _output.WriteLine(string.Join("\n", groups.Select(g => $"{g.Key}: {g.Value.Count} files")));
        Assert.Contains("src/Snakepit.Telemetry", groups.Keys);
        Assert.Contains("src/Snakepit.Telemetry.Analyzers", groups.Keys);
        Assert.Contains("src/Shared", groups.Keys);
        Assert.Contains("samples/Snakepit.Sample", groups.Keys);
        Assert.Contains("tests/Snakepit.Telemetry.Analyzers.Tests", groups.Keys);
        Assert.Contains("tests/Snakepit.Telemetry.PackageTests/Consumers/App", groups.Keys);
        Assert.True(groups.Values.Sum(files => files.Count) >= 250, $"{groups.Values.Sum(files => files.Count)} files");
        Assert.DoesNotContain(groups.Values.SelectMany(files => files), f => f.Contains("/obj/", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal));

        // Removed from compilation by their project (Compile Remove="Corpus\**"): analyzed by their own tests.
        Assert.DoesNotContain(groups.Values.SelectMany(files => files), f => f.Contains("/Incomplete/", StringComparison.Ordinal) || f.Contains("/Corpus/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task Project_source_is_analyzed_and_fixed_without_failure(string project)
    {
        var watch = Stopwatch.StartNew();
        var run = new CodeFixRun();
        var sources = RepositoryProjects.Sources(project);
        await run.RunAsync(
            project,
            sources,
            TestCompilations.FullFramework.Add(TestCompilations.Runtime),
            RepositoryProjects.AdditionalTexts(project));
        _output.WriteLine($"{project}: {sources.Count} files, {run.CompileErrors} compile errors, {run.Diagnostics} Snakepit diagnostics, " +
                          $"{run.Applied.Values.Sum()} fixes applied ({string.Join(", ", run.Applied.Select(a => a.Key + " " + a.Value))}), {watch.ElapsedMilliseconds} ms");
        Assert.True(run.Failures.Count == 0, string.Join("\n\n", run.Failures));
    }
}
