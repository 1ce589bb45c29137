using System.IO;
using System.Linq;
using System.Reflection;
using Snakepit.Telemetry.TestCases;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>The catalog tool (src/Snakepit.Telemetry.CatalogTool) as built beside these tests, which the package's targets run.</summary>
internal static class CatalogTool
{
    /// <summary>Runs <c>dashboards</c> for one catalog into a new temporary folder; returns the dashboard's path.</summary>
    public static string Dashboard(string catalogPath, string catalogName)
    {
        var folder = Path.Combine(Path.GetTempPath(), "snakepit-dashboards-" + System.Guid.NewGuid().ToString("N"));
        using (var tool = new ChildProcess("catalog tool", "dotnet", ToolPath, "dashboards", folder, catalogPath))
        {
            var exitCode = tool.WaitForExit(System.TimeSpan.FromSeconds(60));
            var path = Path.Combine(folder, catalogName + ".dashboard.json");
            if (exitCode != 0 || !File.Exists(path))
            {
                throw new IOException($"The catalog tool wrote no dashboard for {catalogPath} (exit code {exitCode}):\n{tool.Tail()}");
            }

            return path;
        }
    }

    private static string ToolPath
    {
        get
        {
            var configuration = typeof(CatalogTool).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "SampleConfiguration")?.Value ?? "Debug";
            var path = Path.Combine(RepositoryRoot.Path, "src", "Snakepit.Telemetry.CatalogTool", "bin", configuration, "net8.0", "Snakepit.Telemetry.CatalogTool.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("The catalog tool is not built; the test project references it, so build the test project.", path);
        }
    }
}
