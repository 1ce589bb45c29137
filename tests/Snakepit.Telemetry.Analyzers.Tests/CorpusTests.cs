using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>
/// No false positives: every analyzer over a corpus of realistic handlers that follow the guide's do's (logging,
/// bounded aggregation, forwarding, Interlocked counters, background I/O, guarded parsing, startup attach).
/// </summary>
public class CorpusTests
{
    private readonly ITestOutputHelper _output;

    public CorpusTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void The_corpus_has_at_least_forty_handler_files()
    {
        var count = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.cs").Length;
        Assert.True(count >= 40, $"only {count} files");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Corpus_file_compiles_and_gets_no_diagnostic(string file)
    {
        var ours = await AnalyzeAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", file)), file);
        foreach (var diagnostic in ours)
        {
            _output.WriteLine(diagnostic.ToString());
        }

        Assert.Empty(ours);
    }

    [Fact]
    public async Task The_harness_reports_what_breaks_the_rules()
    {
        var ours = await AnalyzeAsync("""
            using Snakepit.Telemetry;
            using Snakepit.Telemetry.Events;

            [TelemetryHandler("myapp-bad")]
            public sealed partial class Bad : IPythonCallStopHandler
            {
                private readonly System.Collections.Generic.List<string> _all = new();

                public void Handle(in PythonCallStop e)
                {
                    System.Threading.Thread.Sleep(1);
                    _all.Add(e.Command);
                    var n = int.Parse(e.WorkerId);
                }
            }
            """, "bad.cs");
        Assert.Equal(new[] { "SNK001", "SNK002", "SNK004" }, ours.Select(d => d.Id).OrderBy(id => id));
    }

    private static async Task<System.Collections.Generic.List<Diagnostic>> AnalyzeAsync(string source, string file)
    {
        var compilation = CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(file),
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: file) },
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var analyzers = typeof(UnknownEventNameAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAllDiagnosticsAsync();
        return diagnostics.Where(d => d.Id.StartsWith("SNK", StringComparison.Ordinal) || d.Id == "AD0001").ToList();
    }

    private static ImmutableArray<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return paths
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(TelemetryHub).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
