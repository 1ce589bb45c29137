using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>
/// pyright (npm, pinned in tests/pyright) over the generated modules, the Python samples and the negative corpus
/// tests/pyright/corpus: the modules and samples have no error, and every line of the corpus marked
/// <c># error: &lt;class&gt;</c> is an error (and no other line is), for each mistake class a worker author can make.
/// </summary>
public class PythonTypeCheckTests
{
    private static readonly string[] s_mistakeClasses = { "misspelt event", "unknown keyword", "missing required field", "wrong type", "enum value" };

    [Fact]
    public void Generated_modules_and_the_samples_have_no_pyright_error()
    {
        var directory = PythonModules.Write(PythonModules.Snakepit(), PythonModules.SampleApp(), PythonModules.Parse("/app/shop.events.yaml", Catalogs.Shop));
        try
        {
            foreach (var sample in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "samples", "python"), "*.py").Where(p => !p.EndsWith("_events.py", StringComparison.Ordinal) && !p.EndsWith("snakepit_telemetry.py", StringComparison.Ordinal)))
            {
                File.Copy(sample, Path.Combine(directory, Path.GetFileName(sample)));
            }

            var errors = Errors(directory, Directory.GetFiles(directory, "*.py").Select(Path.GetFileName).ToArray()!);
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.File}:{e.Line}: {e.Message}")));
            Assert.Equal(
                File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "python", "snakepit_events.py")).Replace("\r\n", "\n"),
                File.ReadAllText(Path.Combine(directory, "snakepit_events.py")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Each_mistake_of_the_negative_corpus_is_a_pyright_error_at_its_line()
    {
        var directory = PythonModules.Write(PythonModules.Snakepit(), PythonModules.SampleApp());
        try
        {
            var corpus = Path.Combine(RepositoryRoot.Path, "tests", "pyright", "corpus", "mistakes.py");
            File.Copy(corpus, Path.Combine(directory, "mistakes.py"));
            var expected = File.ReadAllLines(corpus)
                .Select((text, index) => (Line: index + 1, Match: Regex.Match(text, "# error: (.+)$")))
                .Where(x => x.Match.Success)
                .ToDictionary(x => x.Line, x => x.Match.Groups[1].Value.Trim());
            Assert.Equal(s_mistakeClasses.OrderBy(c => c), expected.Values.Distinct().OrderBy(c => c));

            var errors = Errors(directory, "mistakes.py");
            var found = errors.Select(e => e.Line).ToHashSet();
            var missed = expected.Where(e => !found.Contains(e.Key)).Select(e => $"line {e.Key} ({e.Value}) is no error").ToList();
            var extra = errors.Where(e => !expected.ContainsKey(e.Line)).Select(e => $"line {e.Line} is an error no mark expects: {e.Message}").ToList();
            Assert.True(missed.Count == 0 && extra.Count == 0, string.Join("\n", missed.Concat(extra)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>pyright's errors on <paramref name="files"/> (in <paramref name="directory"/>, which is also the import root).</summary>
    private static List<(string File, int Line, string Message)> Errors(string directory, params string[] files)
    {
        File.WriteAllText(Path.Combine(directory, "pyrightconfig.json"), "{ \"pythonVersion\": \"3.8\", \"typeCheckingMode\": \"standard\" }");
        var run = PythonTools.RunPyright(directory, files);
        JsonDocument report;
        try
        {
            report = JsonDocument.Parse(run.Output);
        }
        catch (JsonException)
        {
            throw new InvalidOperationException("pyright printed no JSON report:\n" + run);
        }

        using (report)
        {
            Assert.True(report.RootElement.GetProperty("summary").GetProperty("filesAnalyzed").GetInt32() >= files.Length, run.ToString());
            return report.RootElement.GetProperty("generalDiagnostics").EnumerateArray()
                .Where(d => d.GetProperty("severity").GetString() == "error")
                .Select(d => (
                    Path.GetFileName(d.GetProperty("file").GetString()!),
                    d.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32() + 1,
                    d.GetProperty("message").GetString()!))
                .ToList();
        }
    }
}
