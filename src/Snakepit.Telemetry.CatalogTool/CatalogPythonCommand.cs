using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Text;
using Snakepit.Telemetry.Generators.Emitting;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Generators.Parsing;

namespace Snakepit.Telemetry.CatalogTool;

/// <summary>
/// Writes the typed Python modules of catalogs (SnakepitPythonModules): <c>&lt;catalog&gt;_events.py</c> for each
/// catalog given, <c>snakepit_events.py</c> for Snakepit's own catalog (compiled into the package, so every project has
/// it), and the runtime they import, <c>snakepit_telemetry.py</c>. With the standard library alone they import.
/// </summary>
internal static class CatalogPythonCommand
{
    /// <summary>
    /// Writes the modules into <paramref name="directory"/>. A catalog with errors writes nothing: its diagnostics go to
    /// <paramref name="output"/> as MSBuild errors, and the result is 1. Files already current keep their text.
    /// </summary>
    public static int Run(string directory, IReadOnlyList<string> catalogPaths, TextWriter output)
    {
        var modules = new List<(string FileName, string Text, string Source)>
        {
            (PythonModuleEmitter.RuntimeModule + ".py", Resource("snakepit_telemetry.py"), "the Snakepit.Telemetry package"),
        };
        var own = CatalogParser.Parse("snakepit.events.yaml", Resource("snakepit.events.yaml")).Spec
            ?? throw new InvalidOperationException("Snakepit's own catalog, embedded in the catalog tool, does not parse.");
        modules.Add((PythonModuleEmitter.FileName(own), PythonModuleEmitter.Emit(own), "Snakepit's catalog"));

        var failed = false;
        foreach (var path in catalogPaths)
        {
            var spec = CatalogFileReader.Read(path, output);
            if (spec is null)
            {
                failed = true;
                continue;
            }

            var fileName = PythonModuleEmitter.FileName(spec);
            var clash = modules.FindIndex(m => string.Equals(m.FileName, fileName, StringComparison.OrdinalIgnoreCase));
            if (clash >= 0)
            {
                output.WriteLine($"{path}(1,1): error SNK100: The Python module of this catalog would be {fileName}, which {modules[clash].Source} writes too; give the catalog another name.");
                failed = true;
                continue;
            }

            modules.Add((fileName, PythonModuleEmitter.Emit(spec), path));
        }

        if (failed)
        {
            return 1;
        }

        Directory.CreateDirectory(directory);
        foreach (var (fileName, text, source) in modules)
        {
            if (CatalogOutputFile.Write(Path.Combine(directory, fileName), text))
            {
                output.WriteLine($"Snakepit.Telemetry: wrote {Path.Combine(directory, fileName)} from {source}");
            }
        }

        return 0;
    }

    /// <summary>A text the tool carries: the Python runtime, Snakepit's catalog.</summary>
    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The catalog tool lacks its resource {name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }
}
