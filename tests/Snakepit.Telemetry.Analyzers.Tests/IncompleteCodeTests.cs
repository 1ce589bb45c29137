using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Snakepit.Telemetry.Analyzers.Tests.Robustness;
using Xunit;
using Xunit.Abstractions;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>
/// An analyzer never throws on code as it is typed in an editor: every analyzer of the assembly, over the Incomplete
/// corpus (unfinished attributes, unresolved types, broken generics, methods without bodies, half-typed lambdas and
/// builder chains, garbage catalog attributes, unterminated names, Snakepit's attributes redeclared...) and over
/// prefixes of handler files cut after tokens and inside names and literals, with Snakepit's catalog and
/// AdditionalFiles, with no catalog at all, and without Snakepit.Telemetry, reports no AD0001 and raises no exception.
/// </summary>
public class IncompleteCodeTests
{
    /// <summary>
    /// Files cut after every token and inside every name and literal (every one of those prefixes, or every n-th):
    /// an [OnEvent] handler class, a generic prefix handler, a lambda attached at startup, lambdas and a builder chain
    /// that break SNK002, a class that breaks five rules (so the reporting paths run on cut code too), and more of the
    /// well-formed corpus (windows, forwarders, file audit, alerts).
    /// </summary>
    private static readonly (string Folder, string File, int Every)[] Truncated =
    {
        (CorpusFiles.WellFormed, "01_SlowCallLogger.cs", 1),
        (CorpusFiles.WellFormed, "20_EverythingForwarder.cs", 2),
        (CorpusFiles.WellFormed, "33_StartupDepthGauge.cs", 2),
        (CorpusFiles.Fixable, "17_SeveralRulesInOneClass.cs", 2),
        (CorpusFiles.Fixable, "06_ExceptionInLambdas.cs", 8),
        (CorpusFiles.WellFormed, "11_GrpcLatencyWindow.cs", 16),
        (CorpusFiles.WellFormed, "17_PoolMetricsForwarder.cs", 16),
        (CorpusFiles.WellFormed, "25_CallAuditFile.cs", 16),
        (CorpusFiles.WellFormed, "37_QueueAlert.cs", 16),
    };

    private readonly ITestOutputHelper _output;

    public IncompleteCodeTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, CatalogSetup> FilesAndSetups()
    {
        var data = new TheoryData<string, CatalogSetup>();
        foreach (var file in CorpusFiles.Names(CorpusFiles.Incomplete))
        {
            foreach (var setup in Enum.GetValues<CatalogSetup>())
            {
                data.Add(file, setup);
            }
        }

        return data;
    }

    public static TheoryData<string, string, int> TruncatedFiles()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (folder, file, every) in Truncated)
        {
            data.Add(folder, file, every);
        }

        return data;
    }

    [Fact]
    public void The_incomplete_corpus_has_at_least_thirty_files_and_each_is_incomplete()
    {
        var files = CorpusFiles.Names(CorpusFiles.Incomplete);
        Assert.True(files.Length >= 30, $"only {files.Length} files");
        foreach (var file in files)
        {
            var compilation = TestCompilations.Create(CatalogSetup.Runtime, TestCompilations.Parse(CorpusFiles.Read(CorpusFiles.Incomplete, file), file));
            Assert.True(compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error), $"{file} compiles: it is not incomplete");
        }
    }

    [Fact]
    public void Every_analyzer_of_the_assembly_is_run()
    {
        var names = AnalyzerRun.All.Select(a => a.GetType().Name).ToList();
        _output.WriteLine(string.Join(", ", names));
        var ids = AnalyzerRun.All.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(1, 11).Select(i => $"SNK{i:000}"), ids);
    }

    [Fact]
    public async Task The_harness_fails_on_an_analyzer_that_throws()
    {
        var compilation = TestCompilations.Create(CatalogSetup.Runtime, TestCompilations.Parse("class C { void M() { } }", "c.cs"));
        var result = await AnalyzerRun.RunAsync(compilation, ImmutableArray<AdditionalText>.Empty, ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingAnalyzer()));
        Assert.Contains(result.Failures, f => f.Contains(nameof(ThrowingAnalyzer), StringComparison.Ordinal) && f.Contains("thrown on purpose", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(FilesAndSetups))]
    public async Task Incomplete_file_is_analyzed_without_failure(string file, CatalogSetup setup)
    {
        var compilation = TestCompilations.Create(setup, TestCompilations.Parse(CorpusFiles.Read(CorpusFiles.Incomplete, file), file));
        var result = await AnalyzerRun.RunAsync(compilation, TestCompilations.AdditionalTexts(setup));
        foreach (var diagnostic in result.Ours)
        {
            _output.WriteLine(diagnostic.ToString());
        }

        Assert.True(result.Failures.Count == 0, string.Join("\n\n", result.Failures));
    }

    [Theory]
    [InlineData(CatalogSetup.Runtime)]
    [InlineData(CatalogSetup.MissingCatalog)]
    public async Task The_whole_incomplete_corpus_as_one_compilation_is_analyzed_without_failure(CatalogSetup setup)
    {
        // Across files: duplicate ids, catalog attributes of one file seen by the handlers of another.
        var trees = CorpusFiles.Names(CorpusFiles.Incomplete)
            .Select(file => TestCompilations.Parse(CorpusFiles.Read(CorpusFiles.Incomplete, file), file))
            .ToArray();
        var result = await AnalyzerRun.RunAsync(TestCompilations.Create(setup, trees), TestCompilations.AdditionalTexts(setup));
        _output.WriteLine(string.Join("\n", result.Ours.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.True(result.Failures.Count == 0, string.Join("\n\n", result.Failures));
    }

    [Theory]
    [MemberData(nameof(TruncatedFiles))]
    public async Task Prefixes_of_a_file_are_analyzed_without_failure(string folder, string file, int every)
    {
        var source = CorpusFiles.Read(folder, file);
        var cuts = Truncations.CutPoints(source);
        var watch = Stopwatch.StartNew();
        var failures = new StringBuilder();
        var runs = 0;
        foreach (var setup in new[] { CatalogSetup.Runtime, CatalogSetup.MissingCatalog })
        {
            // Without a catalog SNK005, SNK006 and SNK008 stop early: a quarter of the prefixes is enough there.
            var step = setup == CatalogSetup.Runtime ? every : every * 4;
            foreach (var cut in cuts.Where((_, i) => i % step == 0))
            {
                runs++;
                var compilation = TestCompilations.Create(setup, TestCompilations.Parse(source.Substring(0, cut), file));
                var result = await AnalyzerRun.RunAsync(compilation, TestCompilations.AdditionalTexts(setup));
                foreach (var failure in result.Failures)
                {
                    failures.Append($"{file} cut at {cut} ({setup}):\n---\n{source.Substring(0, cut)}\n---\n{failure}\n\n");
                }
            }
        }

        _output.WriteLine($"{file}: {cuts.Count} prefixes, {runs} runs in {watch.ElapsedMilliseconds} ms");
        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>An analyzer that throws, to show that the harness reports it (passed by hand: no attribute, no release tracking).</summary>
#pragma warning disable RS1001 // Not loaded by a host: the test passes it to CompilationWithAnalyzers itself.
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
    {
#pragma warning disable RS2008 // A test rule, never shipped.
        private static readonly DiagnosticDescriptor Rule = new("TST001", "t", "t", "t", DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS2008

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(_ => throw new InvalidOperationException("thrown on purpose"), SymbolKind.NamedType);
        }
    }
}
