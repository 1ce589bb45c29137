using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Snakepit.Telemetry.Generators;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>Runs <see cref="CatalogGenerator"/> on catalogs and C# sources, the way the compiler does.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return paths
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(TelemetryHub).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    /// <summary>References for code that uses Snakepit.Telemetry.Hosting (and so Microsoft.Extensions.DependencyInjection).</summary>
    public static ImmutableArray<MetadataReference> HostingReferences { get; } = References
        .Add(MetadataReference.CreateFromFile(typeof(Snakepit.Telemetry.Hosting.TelemetryHandlerRegistration).Assembly.Location))
        .Add(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location));

    public static CSharpCompilation Compilation(LanguageVersion languageVersion, params string[] sources) =>
        Compilation(languageVersion, References, sources);

    public static CSharpCompilation Compilation(LanguageVersion languageVersion, ImmutableArray<MetadataReference> references, params string[] sources) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(languageVersion), path: $"Source{i}.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999)
                // As the .NET SDK does (NoWarn 1701;1702): the runtime references DiagnosticSource 9.0, the test host has 10.0.
                .WithSpecificDiagnosticOptions(new[] { "CS1701", "CS1702" }.Select(id => new System.Collections.Generic.KeyValuePair<string, ReportDiagnostic>(id, ReportDiagnostic.Suppress))));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> catalogs, LanguageVersion languageVersion = LanguageVersion.Latest) =>
        CSharpGeneratorDriver.Create(
            new[] { new CatalogGenerator().AsSourceGenerator() },
            catalogs,
            new CSharpParseOptions(languageVersion),
            optionsProvider: null,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static Result Run(string catalog, string path = "/app/events.yaml", LanguageVersion languageVersion = LanguageVersion.Latest, params string[] sources) =>
        Run(new[] { new InMemoryText(path, catalog) }, languageVersion, sources);

    public static Result Run(IEnumerable<AdditionalText> catalogs, LanguageVersion languageVersion, params string[] sources) =>
        Run(catalogs, languageVersion, References, sources);

    public static Result Run(IEnumerable<AdditionalText> catalogs, LanguageVersion languageVersion, ImmutableArray<MetadataReference> references, params string[] sources)
    {
        var compilation = Compilation(languageVersion, references, sources.Length == 0 ? new[] { "namespace App { internal static class Placeholder { } }" } : sources);
        var driver = Driver(catalogs, languageVersion).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new Result(driver.GetRunResult(), output, generatorDiagnostics);
    }

    internal sealed class Result
    {
        public Result(GeneratorDriverRunResult run, Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
        {
            Run = run;
            Output = output;
            GeneratorDiagnostics = generatorDiagnostics;
        }

        public GeneratorDriverRunResult Run { get; }

        public Compilation Output { get; }

        public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

        public IReadOnlyDictionary<string, string> Sources =>
            Run.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        /// <summary>The sources of one generator.</summary>
        public IReadOnlyDictionary<string, string> SourcesOf<TGenerator>() =>
            Run.Results.Where(r => r.Generator.GetGeneratorType() == typeof(TGenerator))
                .SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        /// <summary>The sources of the handler wiring pipeline: each class's wiring and the assembly's TelemetryHandlers.</summary>
        public IReadOnlyDictionary<string, string> WiringSources =>
            SourcesOf<CatalogGenerator>()
                .Where(s => s.Key.EndsWith(".TelemetryHandler.g.cs", StringComparison.Ordinal) || s.Key.StartsWith("TelemetryHandlers.", StringComparison.Ordinal))
                .ToDictionary(s => s.Key, s => s.Value);

        /// <summary>Exceptions generators threw (a generator must never throw).</summary>
        public IEnumerable<Exception> Exceptions => Run.Results.Where(r => r.Exception is not null).Select(r => r.Exception!);

        /// <summary>Errors and warnings of the compilation with the generated code, generator diagnostics excluded.</summary>
        public IReadOnlyList<Diagnostic> CompilationProblems =>
            Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }
}

/// <summary>An AdditionalFile held in memory.</summary>
internal sealed class InMemoryText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryText(string path, string text)
        : this(path, SourceText.From(text))
    {
    }

    /// <summary>A file whose text was decoded from bytes, as the compiler decodes an AdditionalFile.</summary>
    public InMemoryText(string path, SourceText text)
    {
        Path = path;
        _text = text;
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
