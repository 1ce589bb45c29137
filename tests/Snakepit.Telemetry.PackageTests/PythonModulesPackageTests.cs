using System.IO;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.PackageTests;

/// <summary>
/// SnakepitPythonModules as a user of the package meets it: one command writes the typed Python modules of the
/// project's catalogs and Snakepit's own, which import with the standard library alone and write the line format.
/// </summary>
[Collection(PackageCollection.Name)]
public class PythonModulesPackageTests
{
    private readonly PackageFixture _package;

    public PythonModulesPackageTests(PackageFixture package) => _package = package;

    [Fact]
    public void SnakepitPythonModules_writes_each_catalogs_module_snakepits_and_their_runtime_which_import_alone()
    {
        var project = _package.CopyConsumer("Evolution");
        var csproj = Path.Combine(project, "Consumer.Evolution.csproj");
        var output = Path.Combine(project, "worker-modules");

        var run = _package.Dotnet(project, "msbuild", csproj, "-restore", "-t:SnakepitPythonModules", $"-p:SnakepitPythonOutputPath={output}/");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(
            new[] { "orders_events.py", "snakepit_events.py", "snakepit_telemetry.py" },
            System.Linq.Enumerable.OrderBy(System.Linq.Enumerable.Select(Directory.GetFiles(output), Path.GetFileName), n => n, System.StringComparer.Ordinal));

        // With PYTHONPATH=DIR and the standard library alone (-S: no site-packages), both import and write their lines.
        var python = PythonTools.RunPython(output, project, "-c",
            "import orders_events, snakepit_events\n" +
            "assert orders_events.order_placed(total=12.5, order_id='o-1', channel='web')\n" +
            "assert snakepit_events.python_call_stop(duration=1500, command='predict', correlation_id='c-1', result='success')\n");
        Assert.True(python.ExitCode == 0, python.ToString());
        Assert.Contains("TELEMETRY:{\"event\":\"order.placed\",\"measurements\":{\"total\":12.5},\"metadata\":{\"order_id\":\"o-1\",\"channel\":\"web\"},\"timestamp_ns\":", python.Error);
        Assert.Contains("TELEMETRY:{\"event\":\"python.call.stop\",\"measurements\":{\"duration\":1500},\"metadata\":{\"command\":\"predict\",\"correlation_id\":\"c-1\",\"result\":\"success\"},\"timestamp_ns\":", python.Error);
    }

    [Fact]
    public void SnakepitPythonModules_without_the_property_writes_to_obj_snakepit_python()
    {
        var project = _package.CopyConsumer("Evolution");
        var run = _package.Dotnet(project, "msbuild", Path.Combine(project, "Consumer.Evolution.csproj"), "-restore", "-t:SnakepitPythonModules");
        Assert.True(run.ExitCode == 0, run.Output);
        var directory = Path.Combine(project, "obj", "snakepit-python");
        Assert.True(File.Exists(Path.Combine(directory, "orders_events.py")), run.Output);
        Assert.True(File.Exists(Path.Combine(directory, "snakepit_events.py")), run.Output);
        Assert.True(File.Exists(Path.Combine(directory, "snakepit_telemetry.py")), run.Output);
    }

    [Fact]
    public void SnakepitPythonModules_on_a_broken_catalog_fails_at_the_error_and_writes_no_module()
    {
        var project = _package.CopyConsumer("Evolution");
        var catalog = Path.Combine(project, "orders.events.yaml");
        File.WriteAllText(catalog, File.ReadAllText(catalog).Replace("type: double", "type: dubble"));
        var output = Path.Combine(project, "worker-modules");

        var run = _package.Dotnet(project, "msbuild", Path.Combine(project, "Consumer.Evolution.csproj"), "-restore", "-t:SnakepitPythonModules", $"-p:SnakepitPythonOutputPath={output}/");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("orders.events.yaml(", run.Output);
        Assert.Contains("error SNK", run.Output);
        Assert.False(Directory.Exists(output), run.Output);
    }
}
