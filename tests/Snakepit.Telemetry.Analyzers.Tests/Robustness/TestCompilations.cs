using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Snakepit.Telemetry.Analyzers.Tests.Robustness;

/// <summary>
/// Compilations of code under analysis for each <see cref="CatalogSetup"/>. Each setup's empty compilation is made
/// once and new trees are added to it, so references are bound once (thousands of truncated files stay cheap).
/// </summary>
internal static class TestCompilations
{
    /// <summary>
    /// The framework assemblies handler code uses (collections, LINQ, threading, channels, I/O, processes, HTTP,
    /// sockets). Not all 160 of them: the analyzers' per-compilation start costs about 25 ms with every framework
    /// assembly against 10 ms with these, which decides how many truncated files a test can afford.
    /// </summary>
    private static readonly string[] HandlerFramework =
    {
        "System.Private.CoreLib.dll", "System.Runtime.dll", "netstandard.dll", "mscorlib.dll", "System.Collections.dll",
        "System.Collections.Concurrent.dll", "System.Linq.dll", "System.Threading.dll", "System.Threading.Thread.dll",
        "System.Threading.Tasks.dll", "System.Threading.Channels.dll", "System.Console.dll", "System.Diagnostics.Process.dll",
        "System.Diagnostics.TraceSource.dll", "System.Diagnostics.DiagnosticSource.dll", "System.Memory.dll", "System.Net.Http.dll",
        "System.Net.Sockets.dll", "System.Net.Primitives.dll", "System.ComponentModel.Primitives.dll",
    };

    private static readonly Lazy<ImmutableArray<MetadataReference>> HandlerFrameworkReferences = new(() => Framework(HandlerFramework.Contains));

    private static readonly Lazy<ImmutableArray<MetadataReference>> FullFrameworkReferences = new(() =>
        Framework(name => name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll"));

    private static readonly Lazy<MetadataReference> RuntimeReference = new(() => MetadataReference.CreateFromFile(typeof(TelemetryHub).Assembly.Location));

    private static readonly ConcurrentDictionary<CatalogSetup, CSharpCompilation> Empty = new();

    /// <summary>The AdditionalFiles of <see cref="CatalogSetup.Runtime"/>.</summary>
    private static readonly ImmutableArray<AdditionalText> RuntimeFiles = ImmutableArray.Create<AdditionalText>(
        new InMemoryAdditionalText("/project/events.yaml", "catalog: myapp\nnamespace: MyApp.Telemetry\nevents:\n  myapp.request.done:\n    description: A request finished.\n"),
        new InMemoryAdditionalText("/project/stolen.events.yaml", "catalog: snakepit\nnamespace: MyApp.Telemetry\nevents:\n  snakepit.custom.thing: {}\n"),
        new InMemoryAdditionalText("/project/broken.events.yml", "catalog: \"snake\n  events: [\n    myapp.x: {"),
        new InMemoryAdditionalText("/project/unreadable.events.yaml", null),
        new InMemoryAdditionalText("/project/SnakepitBlockingCalls.txt", "M:\nT:\n# a comment\n;;;\nX\nM:System.Threading.Thread.Sleep(\nT:MyApp.Slow;slow\nM:MyApp.Slow.Wait;message;extra\n\u00e9:\n"));

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilationOptions Options { get; } =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>Every framework assembly of the test's runtime (System.*, mscorlib, netstandard).</summary>
    public static ImmutableArray<MetadataReference> FullFramework => FullFrameworkReferences.Value;

    /// <summary>Snakepit.Telemetry, with Snakepit's catalog.</summary>
    public static MetadataReference Runtime => RuntimeReference.Value;

    public static ImmutableArray<MetadataReference> References(CatalogSetup setup) => setup == CatalogSetup.Runtime
        ? HandlerFrameworkReferences.Value.Add(RuntimeReference.Value)
        : HandlerFrameworkReferences.Value;

    public static ImmutableArray<AdditionalText> AdditionalTexts(CatalogSetup setup) =>
        setup == CatalogSetup.Runtime ? RuntimeFiles : ImmutableArray<AdditionalText>.Empty;

    /// <summary>The syntax trees a setup adds to every compilation (the surface of Snakepit.Telemetry without a catalog).</summary>
    public static ImmutableArray<SyntaxTree> SetupTrees(CatalogSetup setup) => setup == CatalogSetup.MissingCatalog
        ? ImmutableArray.Create(Parse(NoCatalogRuntime.Source, NoCatalogRuntime.Path))
        : ImmutableArray<SyntaxTree>.Empty;

    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>A compilation of <paramref name="trees"/> in <paramref name="setup"/>.</summary>
    public static CSharpCompilation Create(CatalogSetup setup, params SyntaxTree[] trees) =>
        Empty.GetOrAdd(setup, s => CSharpCompilation.Create("Analyzed", SetupTrees(s), References(s), Options)).AddSyntaxTrees(trees);

    private static ImmutableArray<MetadataReference> Framework(Func<string, bool> include) =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => include(Path.GetFileName(p)))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
}
