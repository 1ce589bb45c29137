using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Snakepit.Telemetry.Generators.Evolution;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Generators.Parsing;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>
/// Property runs (CsCheck) over mutated catalogs: the corpus's clean catalogs, the shop catalog and Snakepit's own,
/// with YAML-significant text inserted, ranges deleted, lines duplicated, swapped and re-indented. The parser never
/// fails (no "report this as a bug") and places every diagnostic inside the file; the whole generator never throws,
/// never errs inside generated code, and a catalog it accepts compiles. Iterations: SNAKEPIT_PROPERTY_ITERATIONS
/// (default 3,000 parses and a tenth of that through the generator and the compiler). A failing case CsCheck
/// prints goes into HostileCatalogs/ with its expectation.
/// </summary>
public class HostileCatalogPropertyTests
{
    private static readonly long Iterations = long.TryParse(Environment.GetEnvironmentVariable("SNAKEPIT_PROPERTY_ITERATIONS"), out var n) ? n : 3_000;

    private static readonly string[] Tokens =
    {
        ":", ": ", " ", "\n", "  ", "    ", "\t", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!x ", "---\n", "...\n", "'",
        "\"", "#", "<<: *a", "? ", "|\n", ">\n", "\0", "\uFFFD", "é", "class", "name", "9", "~", "null", "true", "description: d",
        "type: enum", "values: [a, b]", "optional: true", "kind: counter", "buckets: [1]", "metrics:\n  - ", "duration", "string",
        "int64", "shop.order.placed", ".stop", ".start", "_", "A", "\r\n", "%YAML 1.2\n",
    };

    private static readonly Lazy<string[]> Seeds = new(() =>
        Directory.GetFiles(HostileCatalogTests.CorpusDirectory(), "clean-*.yaml").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText)
            .Append(Catalogs.Shop)
            .Append(OwnCatalogRenamed())
            .ToArray());

    private static readonly Gen<(int Kind, int Position, int Length, int Token)> Mutation =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 100_000], Gen.Int[1, 60], Gen.Int[0, Tokens.Length - 1]);

    private static readonly Gen<string> MutatedCatalog =
        Gen.Select(Gen.Int[0, 1_000], Mutation.Array[1, 5], (seed, mutations) => Mutate(Seeds.Value[seed % Seeds.Value.Length], mutations));

    [Fact]
    public void Mutated_catalogs_parse_to_located_diagnostics_or_a_spec()
    {
        var withSpec = 0;
        var withErrors = 0;
        MutatedCatalog.Sample(yaml =>
        {
            var result = CatalogParser.Parse("/p/events.yaml", yaml);
            Assert.DoesNotContain(result.Diagnostics, d => d.Descriptor.Id == "SNK101" && d.Descriptor.MessageFormat.ToString().Contains("report this as a bug", StringComparison.Ordinal));
            foreach (var diagnostic in result.Diagnostics)
            {
                Assert.InRange(diagnostic.Span.Start, 0, yaml.Length);
                Assert.InRange(diagnostic.Span.End, diagnostic.Span.Start, yaml.Length);
            }

            if (result.Spec is not null)
            {
                withSpec++;
            }
            else if (result.Diagnostics.Count > 0)
            {
                withErrors++;
            }
        }, iter: Iterations, threads: 1, print: Printable);

        // The mutations reach both sides: some catalogs survive, most break.
        Assert.True(withSpec > 0 && withErrors > 0, $"{withSpec} specs, {withErrors} with errors");
    }

    [Fact]
    public void Mutated_catalogs_never_break_the_build()
    {
        var compiled = 0;
        MutatedCatalog.Sample(yaml =>
        {
            const string Path = "/p/events.yaml";
            var text = SourceText.From(yaml);
            var result = HostileCatalogTests.Generate(Path, text, out _);
            HostileCatalogTests.AssertNeverBreaksTheBuild(result, Path, text);
            if (!result.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) && result.Sources.Count > 0)
            {
                // Accepted: it compiles, warnings included.
                Assert.Empty(result.CompilationProblems);
                compiled++;
            }
        }, iter: Math.Max(1, Iterations / 10), threads: 1, print: Printable);

        Assert.True(compiled > 0, "no mutated catalog was accepted, so nothing generated was compiled");
    }

    [Fact]
    public void Mutated_catalogs_compared_with_their_seed_as_baseline_and_back_never_fail()
    {
        var breaks = 0;
        Gen.Select(Gen.Int[0, 1_000], Mutation.Array[1, 5]).Sample((seed, mutations) =>
        {
            var original = Seeds.Value[seed % Seeds.Value.Length];
            var mutated = Mutate(original, mutations);
            foreach (var (current, baseline) in new[] { (mutated, original), (original, mutated) })
            {
                var found = BaselineCheck.Run(
                    ParsedCatalogFile.Parse(new CatalogFileText("/p/events.yaml", current)),
                    ImmutableArray.Create(ParsedCatalogFile.Parse(new CatalogFileText("/p/events.shipped.yaml", baseline))),
                    default);
                foreach (var diagnostic in found)
                {
                    Assert.True(diagnostic.Descriptor.Id is "SNK109" or "SNK110", diagnostic.ToDiagnostic().ToString());
                    var text = diagnostic.FilePath == "/p/events.yaml" ? current : baseline;
                    Assert.InRange(diagnostic.Span.Start, 0, text.Length);
                    Assert.InRange(diagnostic.Span.End, diagnostic.Span.Start, text.Length);
                }

                breaks += found.Count(d => d.Descriptor.Id == "SNK109");
            }
        }, iter: Math.Max(1, Iterations / 3), threads: 1, print: t => Printable(Mutate(Seeds.Value[t.Item1 % Seeds.Value.Length], t.Item2)));

        // Some mutations survive parsing and break something, so the comparison itself ran.
        Assert.True(breaks > 0, "no mutated catalog was compared with its seed");
    }

    /// <summary>
    /// Snakepit's catalog under another name and namespace: the test compilation references Snakepit.Telemetry, which
    /// already holds its types (CS0436 otherwise).
    /// </summary>
    private static string OwnCatalogRenamed() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalogs", "snakepit.events.yaml"))
            .Replace("snakepit.", "mutated.", StringComparison.Ordinal)
            .Replace("catalog: snakepit", "catalog: mutated", StringComparison.Ordinal)
            .Replace("namespace: Snakepit.Telemetry.Events", "namespace: Mutated.Telemetry", StringComparison.Ordinal);

    /// <summary>A failing catalog as CsCheck prints it: escaped, ready to paste into a corpus file.</summary>
    private static string Printable(string yaml) =>
        "\n" + yaml.Replace("\0", "\\0", StringComparison.Ordinal) + "\n(length " + yaml.Length + ")";

    private static string Mutate(string seed, (int Kind, int Position, int Length, int Token)[] mutations)
    {
        var text = new StringBuilder(seed);
        foreach (var (kind, position, length, token) in mutations)
        {
            var at = text.Length == 0 ? 0 : position % text.Length;
            switch (kind)
            {
                case 0:
                case 1:
                    text.Insert(at, Tokens[token]);
                    break;
                case 2:
                    text.Remove(at, Math.Min(length, text.Length - at));
                    break;
                default:
                    text = new StringBuilder(MutateLines(text.ToString(), kind, position, length));
                    break;
            }
        }

        return text.ToString();
    }

    private static string MutateLines(string text, int kind, int position, int length)
    {
        var lines = text.Split('\n').ToList();
        var i = position % lines.Count;
        var j = (position / 7 + length) % lines.Count;
        switch (kind)
        {
            case 3:
                lines.Insert(j, lines[i]);
                break;
            case 4:
                (lines[i], lines[j]) = (lines[j], lines[i]);
                break;
            default:
                lines[i] = new string(' ', length % 9) + lines[i].TrimStart(' ');
                break;
        }

        return string.Join("\n", lines);
    }
}
