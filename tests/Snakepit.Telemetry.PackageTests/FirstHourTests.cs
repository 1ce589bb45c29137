using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Snakepit.Telemetry.PackageTests;

/// <summary>
/// A new user's first steps, as README.md gives them, in a fresh console app that references only the package: the
/// first snippet compiles as written in an app of any name and prints what its handlers do; a catalog needs no line
/// in the project file; a YAML file meant as a catalog under another name is a located warning saying what to do.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class FirstHourTests
{
    private const string Project = "Acme.Widgets-7.csproj";
    private readonly PackageFixture _package;

    public FirstHourTests(PackageFixture package) => _package = package;

    [Fact]
    public void The_READMEs_first_snippet_compiles_as_written_in_a_fresh_console_app_of_any_name_and_prints_its_handlers_work()
    {
        var app = _package.CopyConsumer("FirstHour");
        var readme = File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, "README.md"));
        var (_, first) = DocumentationSnippets.Extract(readme).First();
        File.WriteAllText(Path.Combine(app, "Program.cs"), first);

        var run = _package.Dotnet(app, "run", "--project", Path.Combine(app, Project));

        Assert.True(run.ExitCode == 0, "README.md's first C# block does not build or run in a fresh console app:\n" + run.Output);
        Assert.DoesNotMatch(new Regex(@"warning (CS|SNK)\d+"), run.Output);
        Assert.Contains("3 handlers attached", run.Output);
        Assert.Contains("High queue depth on default: 60", run.Output);
        Assert.Contains("forward snakepit.pool.status", run.Output);
        Assert.Contains("Slow Python call: dspy.predict took 2000 ms", run.Output);
    }

    [Fact]
    public void A_catalog_in_the_project_folder_needs_no_line_in_the_project_and_listing_it_anyway_is_harmless()
    {
        var app = _package.CopyConsumer("FirstHour");
        File.WriteAllText(Path.Combine(app, "acme.events.yaml"), AcmeCatalog("acme"));
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Acme.Telemetry;
            using Snakepit.Telemetry;

            TelemetryHub.Default.Attach<WidgetMade>("printer", (in WidgetMade e) => System.Console.WriteLine($"made {e.WidgetId}"));
            AcmeEvents.WidgetMade("w-1");
            """);

        var implicitly = _package.Dotnet(app, "run", "--project", Path.Combine(app, Project));
        Assert.True(implicitly.ExitCode == 0, "a catalog not listed in the project is not compiled:\n" + implicitly.Output);
        Assert.Contains("made w-1", implicitly.Output);

        var listed = Path.Combine(app, Project);
        File.WriteAllText(listed, File.ReadAllText(listed).Replace("</Project>", "  <ItemGroup><AdditionalFiles Include=\"acme.events.yaml\" /><AdditionalFiles Include=\"./acme.events.yaml\" /></ItemGroup>\n</Project>"));
        var explicitly = _package.Dotnet(app, "run", "--project", listed);
        Assert.True(explicitly.ExitCode == 0, "listing the catalog as well breaks the build:\n" + explicitly.Output);
        Assert.DoesNotMatch(new Regex(@"warning (CS|SNK)\d+"), explicitly.Output);
        Assert.Contains("made w-1", explicitly.Output);
    }

    [Fact]
    public void A_yaml_file_meant_as_a_catalog_under_another_name_is_a_warning_at_its_catalog_key_saying_what_to_rename_it_to()
    {
        var app = _package.CopyConsumer("FirstHour");
        File.WriteAllText(Path.Combine(app, "acme-events.yaml"), "# Acme's events\n" + AcmeCatalog("acme"));
        File.WriteAllText(Path.Combine(app, "other.yaml"), "name: not a catalog\nitems: [catalog]\n");
        File.WriteAllText(Path.Combine(app, "Program.cs"), "System.Console.WriteLine(\"no catalog yet\");\n");

        var build = _package.Dotnet(app, "build", Path.Combine(app, Project), "-p:TreatWarningsAsErrors=false");

        Assert.True(build.ExitCode == 0, build.Output);
        var warning = Assert.Single(
            build.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("warning SNK111")).Distinct());
        Assert.Contains("acme-events.yaml(2,1): warning SNK111", warning);
        Assert.Contains("rename it to 'acme.events.yaml'", warning);
        Assert.DoesNotContain("other.yaml", build.Output);
    }

    private static string AcmeCatalog(string name) => $$"""
        catalog: {{name}}
        namespace: Acme.Telemetry
        events:
          {{name}}.widget.made:
            description: A widget was made.
            metadata:
              widget_id: string
        """ + "\n";
}
