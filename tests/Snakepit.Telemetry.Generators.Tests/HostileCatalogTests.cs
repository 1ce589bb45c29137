using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>
/// The corpus of broken and hostile catalogs under HostileCatalogs/: each file's diagnostics (id, exact place,
/// message) equal its reviewed <c>.expected</c> file (empty: the catalog compiles cleanly), and no file gives a
/// generator exception (CS8784/CS8785), an error inside generated code, or an unlocated diagnostic. Files are read
/// as bytes and decoded as the compiler reads an AdditionalFile (byte-order marks, UTF-16, invalid UTF-8, NUL).
/// To accept a change of the diagnostics, run with SNAKEPIT_UPDATE_CORPUS=1 and review the diff.
/// </summary>
public class HostileCatalogTests
{
    /// <summary>A bound on one catalog's generation, far above any of the corpus (a hang guard, not a benchmark).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDirectory(), "*.yaml").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void The_corpus_holds_at_least_sixty_catalogs_each_with_its_expectation()
    {
        var catalogs = Directory.GetFiles(CorpusDirectory(), "*.yaml");
        Assert.True(catalogs.Length >= 60, $"only {catalogs.Length} catalogs");
        Assert.All(catalogs, c => Assert.True(File.Exists(Path.ChangeExtension(c, ".expected")), $"{Path.GetFileName(c)} has no .expected file"));
        var broken = catalogs.Count(c => new FileInfo(Path.ChangeExtension(c, ".expected")).Length > 0);
        Assert.True(broken >= 60, $"only {broken} catalogs expect diagnostics");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Catalog_gives_its_expected_located_diagnostics_and_never_breaks_the_build(string name)
    {
        var text = SourceText.From(File.OpenRead(Path.Combine(CorpusDirectory(), name + ".yaml")), throwIfBinaryDetected: false);
        var path = $"/corpus/{name}.events.yaml";
        var result = Generate(path, text, out var elapsed);

        Assert.True(elapsed < Bound, $"generation took {elapsed}");
        AssertNeverBreaksTheBuild(result, path, text);

        var actual = Describe(result.GeneratorDiagnostics);
        var expectedFile = Path.Combine(CorpusDirectory(), name + ".expected");
        if (Environment.GetEnvironmentVariable("SNAKEPIT_UPDATE_CORPUS") == "1")
        {
            File.WriteAllText(expectedFile, actual);
            return;
        }

        Assert.Equal(File.ReadAllText(expectedFile).Replace("\r\n", "\n"), actual);
        if (actual.Length == 0)
        {
            Assert.NotEmpty(result.Sources);
            Assert.Empty(result.CompilationProblems);
        }
    }

    /// <summary>
    /// The checks every hostile catalog must pass, whatever its diagnostics: no exception, every diagnostic an SNK1xx
    /// located inside the catalog, no error in the generated code.
    /// </summary>
    internal static void AssertNeverBreaksTheBuild(GeneratorHarness.Result result, string path, SourceText text)
    {
        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        foreach (var diagnostic in result.GeneratorDiagnostics)
        {
            Assert.Matches("^SNK1[0-9][0-9]$", diagnostic.Id);
            Assert.Equal(path, diagnostic.Location.GetLineSpan().Path);
            Assert.True(diagnostic.Location.SourceSpan.End <= text.Length, $"{diagnostic} lies outside the file");
            Assert.DoesNotContain("report this as a bug", diagnostic.GetMessage(), StringComparison.Ordinal);
        }

        // Generated code is parsed and declared without errors (binding every body is what the clean cases do).
        var generated = result.Output.SyntaxTrees.Where(t => t.FilePath.Contains("Snakepit.Telemetry.Generators", StringComparison.Ordinal)).ToList();
        foreach (var tree in generated)
        {
            Assert.DoesNotContain(tree.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        }
    }

    internal static GeneratorHarness.Result Generate(string path, SourceText text, out TimeSpan elapsed)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = GeneratorHarness.Run(new[] { new InMemoryText(path, text) }, Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest);
        elapsed = stopwatch.Elapsed;
        return result;
    }

    /// <summary>One line per diagnostic: id, 1-based start and end, message; in order of place.</summary>
    internal static string Describe(IEnumerable<Diagnostic> diagnostics)
    {
        var builder = new StringBuilder();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.GetMessage(), StringComparer.Ordinal))
        {
            var span = diagnostic.Location.GetLineSpan();
            builder.Append(diagnostic.Id)
                .Append(" (").Append(span.StartLinePosition.Line + 1).Append(',').Append(span.StartLinePosition.Character + 1)
                .Append(")-(").Append(span.EndLinePosition.Line + 1).Append(',').Append(span.EndLinePosition.Character + 1)
                .Append("): ").Append(Shorten(diagnostic.GetMessage())).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Messages quoting a very long name stay readable in the expectation file.</summary>
    private static string Shorten(string message) => message.Length <= 600 ? message : message.Substring(0, 600) + "…";

    internal static string CorpusDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "HostileCatalogs");
}
