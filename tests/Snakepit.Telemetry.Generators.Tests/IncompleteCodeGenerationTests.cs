using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>
/// Both generators over the analyzers' corpus of code as typed in an editor (tests/Snakepit.Telemetry.Analyzers.Tests/
/// Incomplete: unfinished attributes, unresolved types, broken generics, Snakepit's attributes declared again with
/// array arguments), with a catalog and without: no generator exception (CS8784/CS8785) for any file.
/// </summary>
public class IncompleteCodeGenerationTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDirectory(), "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void The_corpus_is_there()
    {
        Assert.True(Directory.GetFiles(CorpusDirectory(), "*.cs").Length >= 30);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Generators_never_throw_on_incomplete_code(string file)
    {
        var source = File.ReadAllText(Path.Combine(CorpusDirectory(), file));
        foreach (var catalogs in new[] { new[] { new InMemoryText("/app/events.yaml", Catalogs.Shop) }, Array.Empty<InMemoryText>() })
        {
            var result = GeneratorHarness.Run(catalogs, LanguageVersion.Latest, source);
            Assert.Empty(result.Exceptions);
            Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        }
    }

    private static string CorpusDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Snakepit.Telemetry.Analyzers.Tests", "Incomplete");
}
