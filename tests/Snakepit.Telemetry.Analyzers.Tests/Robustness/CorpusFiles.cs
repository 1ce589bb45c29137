using System;
using System.IO;
using System.Linq;

namespace Snakepit.Telemetry.Analyzers.Tests.Robustness;

/// <summary>The corpus folders copied next to the tests: Corpus (well-formed), Incomplete (as typed), Fixable (one rule each).</summary>
internal static class CorpusFiles
{
    public const string WellFormed = "Corpus";
    public const string Incomplete = "Incomplete";
    public const string Fixable = "Fixable";

    /// <summary>The file names of a corpus folder, in order.</summary>
    public static string[] Names(string folder) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, folder), "*.cs")
            .Select(f => Path.GetFileName(f))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();

    public static string Read(string folder, string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, folder, name));
}
