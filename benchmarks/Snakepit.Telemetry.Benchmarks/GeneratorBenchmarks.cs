using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Snakepit.Telemetry.Generators;

namespace Snakepit.Telemetry.Benchmarks;

/// <summary>
/// The catalog generator's time, driven by Roslyn's <see cref="CSharpGeneratorDriver"/> from scratch (a new driver,
/// no cache): Snakepit's own catalog (events.yaml, about 30 events) and synthetic catalogs of 500 and 5,000 events
/// (two measurements and three metadata fields each, a metric on every tenth). Should grow linearly.
/// <see cref="WithBaseline"/>: the catalog's shipped baseline (the same catalog) is given too, so the run also
/// compares them (SNK109): the cost of the breaking-change check when nothing broke.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private AdditionalText[] _files = null!;

    [Params("events.yaml", "500 events", "5000 events")]
    public string Catalog { get; set; } = "";

    [Params(false, true)]
    public bool WithBaseline { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var text = Catalog == "events.yaml" ? File.ReadAllText(Path.Combine(RepositoryRoot(), "events.yaml")) : Synthetic(int.Parse(Catalog.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        var catalog = new CatalogText("/app/bench.events.yaml", text);
        _files = WithBaseline ? new AdditionalText[] { catalog, new CatalogText("/app/bench.events.shipped.yaml", text) } : new AdditionalText[] { catalog };
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(TelemetryHub).Assembly.Location))
            .ToImmutableArray();
        _compilation = CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText("namespace App { internal static class Placeholder { } }") }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = Run().Results.Single();
        if (result.GeneratedSources.Length == 0 || result.Diagnostics.Length > 0)
        {
            throw new InvalidOperationException($"The generator produced {result.GeneratedSources.Length} sources for {Catalog}: {string.Join("; ", result.Diagnostics.Take(5))}");
        }
    }

    [Benchmark]
    public GeneratorDriverRunResult Run() =>
        CSharpGeneratorDriver.Create(new[] { new CatalogGenerator().AsSourceGenerator() }, _files)
            .RunGenerators(_compilation)
            .GetRunResult();

    internal static string Synthetic(int events)
    {
        var text = new StringBuilder();
        text.Append("catalog: bench\nnamespace: Bench.Telemetry\nenums:\n  outcome: [ok, failed, cancelled]\ncommon_metadata:\n  node: string\nevents:\n");
        for (var i = 0; i < events; i++)
        {
            text.Append($"  bench.area{i % 50}.event{i}:\n    description: Synthetic event {i}.\n    frequency: high\n");
            text.Append("    measurements:\n      duration: { type: duration, description: Time taken. }\n      size: { type: int64, unit: By, optional: true }\n");
            text.Append("    metadata:\n      pool_name: string\n      command: { type: string, description: Command. }\n      outcome: outcome\n");
        }

        text.Append("metrics:\n");
        for (var i = 0; i < events; i += 10)
        {
            text.Append($"  - {{ name: bench.area{i % 50}.event{i}.duration, kind: summary, unit: ms, tags: [node, pool_name], description: Time taken }}\n");
        }

        return text.ToString();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Snakepit.Generators.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Snakepit.Generators.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class CatalogText : AdditionalText
    {
        private readonly SourceText _text;

        public CatalogText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
