using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace Snakepit.Telemetry.PackageTests;

/// <summary>The real packed package: its layout, and consumer projects that reference it from a local folder.</summary>
[Collection(PackageCollection.Name)]
public class PackageTests
{
    private readonly PackageFixture _package;

    public PackageTests(PackageFixture package) => _package = package;

    [Fact]
    public void Package_carries_the_runtime_and_the_generator_with_every_assembly_it_loads()
    {
        var (entries, text) = Contents(_package.PackagePath);
        Assert.Contains("lib/net8.0/Snakepit.Telemetry.dll", entries);
        Assert.Contains("lib/netstandard2.0/Snakepit.Telemetry.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Snakepit.Telemetry.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Snakepit.Telemetry.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Snakepit.Telemetry.CodeFixes.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", System.StringComparison.Ordinal) && e.Contains("Microsoft.CodeAnalysis"));
        Assert.Contains("<id>Snakepit.Telemetry</id>", text);
        Assert.DoesNotContain("Snakepit.Telemetry.Generators", text);
        Assert.DoesNotContain("YamlDotNet", text);
    }

    [Fact]
    public void Consumer_app_with_its_own_catalog_receives_typed_events()
    {
        var lines = _package.AppOutputLines.Value;
        Assert.Contains("order o-1 42.5 Web", lines);
        Assert.Contains("forward shop.order.placed", lines);
        Assert.Contains("forward shop.checkout.start", lines);
        Assert.Contains("checkout cart-9 measured=True", lines);
        Assert.Contains("pool default queue=12", lines);
        Assert.Contains("handlers: consumer-handler consumer-all consumer-annotated", lines);
        Assert.Contains("orders seen by hand-attached handler: 2", lines);
        Assert.DoesNotContain(lines, l => l.Contains("warning"));
    }

    [Fact]
    public void Consumer_folds_python_worker_lines_with_its_own_catalogs_decoder_and_snakepits()
    {
        var lines = _package.AppOutputLines.Value;
        Assert.Equal(new[] { "fold Folded", "fold WrongType", "fold Folded" }, lines.Where(l => l.StartsWith("fold ", StringComparison.Ordinal)));
        Assert.Contains("order o-py 7.5 Store", lines);
        Assert.Contains("metric shop.order.placed.total 7.5 channel=store", lines);
        Assert.Contains("pool gpu queue=7", lines);
    }

    [Fact]
    public void Consumer_sends_its_catalogs_metrics_to_StatsD_with_the_companion_package()
    {
        var lines = _package.AppOutputLines.Value;
        Assert.Contains("statsd shop.order.placed.total.web:42.5|c", lines);
        Assert.Contains("statsd shop.order.placed.count:1|c", lines);
        Assert.Contains(lines, l => l.StartsWith("statsd shop.checkout.stop.duration.cart-9:", StringComparison.Ordinal) && l.EndsWith("|ms", StringComparison.Ordinal));

        var (entries, nuspec) = Contents(Path.Combine(_package.PackageDirectory, $"Snakepit.Telemetry.StatsD.{_package.Version}.nupkg"));
        Assert.Contains("lib/net8.0/Snakepit.Telemetry.StatsD.dll", entries);
        Assert.Contains("lib/netstandard2.0/Snakepit.Telemetry.StatsD.dll", entries);
        Assert.Contains("<dependency id=\"Snakepit.Telemetry\"", nuspec, StringComparison.Ordinal);
    }

    /// <summary>A package's file names and its nuspec's text.</summary>
    internal static (List<string> Entries, string Nuspec) Contents(string packagePath)
    {
        using var archive = ZipFile.OpenRead(packagePath);
        using var nuspec = new StreamReader(archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        return (archive.Entries.Select(e => e.FullName).ToList(), nuspec.ReadToEnd());
    }

    [Fact]
    public void Consumer_catalog_metrics_and_spans_reach_a_MeterListener_and_an_ActivityListener()
    {
        var lines = _package.AppOutputLines.Value;
        Assert.Contains("metric shop.order.placed.total 42.5 channel=web", lines);
        Assert.Contains("metric shop.order.placed.total 1 channel=store", lines);
        Assert.Equal(3, lines.Count(l => l == "metric shop.order.placed.count 1"));
        Assert.Contains("metric shop.checkout.stop.duration ms cart_id=cart-9", lines);
        Assert.Contains("activity shop.checkout Unset cart_id=cart-9", lines);
    }

    [Fact]
    public void Annotated_handlers_across_two_catalogs_attach_in_one_call_and_detach_cleanly()
    {
        var lines = _package.AppOutputLines.Value;
        Assert.Contains("attach-all: consumer-annotated", lines);
        Assert.Contains("annotated order o-1", lines);
        Assert.Contains("annotated shop.checkout.start", lines);
        Assert.Contains("annotated shop.checkout.stop", lines);
        Assert.Contains("annotated pool queue=12", lines);
        Assert.Contains("after detach: consumer-all", lines);
        Assert.DoesNotContain("annotated order o-2", lines);
        Assert.DoesNotContain("annotated pool queue=99", lines);
    }

    [Fact]
    public void Typo_in_an_event_name_of_the_package_catalog_is_a_build_error_with_a_suggestion()
    {
        var app = _package.CopyConsumer("App");
        var build = _package.Dotnet(app, "build", Path.Combine(app, "Consumer.App.csproj"), "-p:DefineConstants=TYPO");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error SNK006", build.Output);
        Assert.Contains("did you mean 'snakepit.pool.status'?", build.Output);
        var line = File.ReadAllLines(Path.Combine(app, "Program.cs")).ToList().FindIndex(l => l.Contains("snakepit.pool.stauts")) + 1;
        Assert.Contains($"Program.cs({line},", build.Output);
    }

    [Fact]
    public void NetStandard_library_with_CSharp8_builds_warning_free()
    {
        var library = _package.CopyConsumer("NetStandardLibrary");
        var build = _package.Dotnet(library, "build", Path.Combine(library, "Consumer.Library.csproj"), "-p:ConsumerLangVersion=8.0");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("0 Warning(s)", build.Output);
    }

    [Fact]
    public void A_handler_of_a_module_initializer_catalog_and_of_a_CSharp8_library_catalog_receives_both()
    {
        var library = _package.CopyConsumer("NetStandardLibrary");
        var app = _package.CopyConsumer("MixedCatalogs");
        var run = _package.Dotnet(
            app,
            "run", "--project", Path.Combine(app, "Consumer.Mixed.csproj"),
            "-p:ConsumerLangVersion=8.0", "-p:LibraryProject=" + Path.Combine(library, "Consumer.Library.csproj"));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("pool 1 jobs 1", run.Output);
        Assert.Contains("events snakepit.pool.status,lib.job.stop", run.Output);
    }

    [Fact]
    public void NetStandard_library_with_CSharp7_3_gets_one_diagnostic_naming_the_LangVersion()
    {
        var library = _package.CopyConsumer("NetStandardLibrary");
        var build = _package.Dotnet(library, "build", Path.Combine(library, "Consumer.Library.csproj"), "-p:ConsumerLangVersion=7.3");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error SNK106", build.Output);
        Assert.Contains("<LangVersion>8.0</LangVersion>", build.Output);
        Assert.Contains("events.yaml", build.Output);
        Assert.DoesNotContain(".g.cs", build.Output);
    }

    [Fact]
    public void Dotnet_format_applies_the_SNK002_fix_from_the_package()
    {
        var project = _package.CopyConsumer("Format");
        var csproj = Path.Combine(project, "Consumer.Format.csproj");
        var restore = _package.Dotnet(project, "restore", csproj);
        Assert.True(restore.ExitCode == 0, restore.Output);

        var before = _package.Dotnet(project, "build", csproj, "--no-restore");
        Assert.True(before.ExitCode == 0, before.Output);
        Assert.Contains("warning SNK002", before.Output);

        var format = _package.DotnetTool(project, "format", "analyzers", csproj, "--diagnostics", "SNK002", "--no-restore");
        Assert.True(format.ExitCode == 0, format.Output);

        var text = File.ReadAllText(Path.Combine(project, "IdParser.cs"));
        Assert.Contains("catch (Exception ex)", text);
        Assert.Contains("TelemetryHub.Default.ReportHandlerError(this, PythonCallStop.Name, ex);", text);

        var after = _package.Dotnet(project, "build", csproj, "--no-restore");
        Assert.True(after.ExitCode == 0, after.Output);
        Assert.DoesNotContain("warning SNK002", after.Output);
    }
}
