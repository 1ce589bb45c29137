using System;
using System.IO;
using Snakepit.Telemetry.Generators.Emitting;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Generators.Parsing;
using Snakepit.Telemetry.TestCases;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>Typed Python modules written into a folder, with their runtime, as SnakepitPythonModules writes them.</summary>
internal static class PythonModules
{
    public static string RuntimePath => Path.Combine(RepositoryRoot.Path, "samples", "python", PythonModuleEmitter.RuntimeModule + ".py");

    public static CatalogSpec Parse(string path, string text)
    {
        var result = CatalogParser.Parse(path, text);
        return result.Spec ?? throw new InvalidOperationException(
            "The catalog " + path + " has errors:\n" + string.Join("\n", System.Linq.Enumerable.Select(result.Diagnostics, d => d.ToDiagnostic().ToString())));
    }

    public static CatalogSpec Snakepit() => Parse("events.yaml", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "events.yaml")));

    public static CatalogSpec SampleApp() =>
        Parse("myapp.events.yaml", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "Snakepit.Sample", "myapp.events.yaml")));

    /// <summary>A new temporary folder holding the runtime and the modules of <paramref name="catalogs"/>.</summary>
    public static string Write(params CatalogSpec[] catalogs)
    {
        var directory = Path.Combine(Path.GetTempPath(), "snakepit-python-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.Copy(RuntimePath, Path.Combine(directory, Path.GetFileName(RuntimePath)));
        foreach (var catalog in catalogs)
        {
            File.WriteAllText(Path.Combine(directory, PythonModuleEmitter.FileName(catalog)), PythonModuleEmitter.Emit(catalog));
        }

        return directory;
    }
}
