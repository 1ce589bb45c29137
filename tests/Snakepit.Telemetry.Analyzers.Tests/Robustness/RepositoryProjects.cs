using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Snakepit.Telemetry.TestCases;

namespace Snakepit.Telemetry.Analyzers.Tests.Robustness;

/// <summary>
/// The repository's C# source (src/, samples/, tests/; bin/ and obj/ skipped) grouped by project folder: each file
/// belongs to the nearest folder above it with a .csproj, or else to its folder under src/ or tests/ (Shared), unless
/// that .csproj removes its folder from compilation (<c>Compile Remove="Corpus\**"</c>: the analyzer tests' corpora,
/// analyzed by their own tests). Each group's AdditionalFiles are those its .csproj includes (catalogs) and the
/// catalogs in its folder.
/// </summary>
internal static class RepositoryProjects
{
    private static readonly string[] Roots = { "src", "samples", "tests" };

    private static readonly Regex AdditionalFile = new(@"<AdditionalFiles\s+Include=""(?<path>[^""*]+)""", RegexOptions.CultureInvariant);

    private static readonly Regex CompileRemove = new(@"<Compile\s+Remove=""(?<folders>[^""]+)""", RegexOptions.CultureInvariant);

    /// <summary>Every group, by its folder relative to the repository root ('/' separated), with its files.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> All { get; } = Find();

    public static IReadOnlyList<(string Path, string Text)> Sources(string group) =>
        All[group].Select(file => (file, File.ReadAllText(file))).ToList();

    public static ImmutableArray<AdditionalText> AdditionalTexts(string group)
    {
        var folder = Path.Combine(RepositoryRoot.Path, group);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var project in Directory.GetFiles(folder, "*.csproj"))
        {
            foreach (Match match in AdditionalFile.Matches(File.ReadAllText(project)))
            {
                var path = Path.GetFullPath(Path.Combine(folder, match.Groups["path"].Value.Replace('\\', Path.DirectorySeparatorChar)));
                if (File.Exists(path))
                {
                    files.Add(path);
                }
            }
        }

        foreach (var path in Directory.GetFiles(folder).Where(f => f.EndsWith("events.yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith("events.yml", StringComparison.OrdinalIgnoreCase)))
        {
            files.Add(path);
        }

        return files.Select(path => (AdditionalText)new InMemoryAdditionalText(path, File.ReadAllText(path))).ToImmutableArray();
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Find()
    {
        var groups = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var root in Roots)
        {
            var top = Path.Combine(RepositoryRoot.Path, root);
            if (!Directory.Exists(top))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(top, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepositoryRoot.Path, file).Replace(Path.DirectorySeparatorChar, '/');
                var segments = relative.Split('/');
                if (segments.Any(s => s is "bin" or "obj" or "node_modules"))
                {
                    continue;
                }

                var group = GroupOf(file, top);
                if (IsRemoved(file, group))
                {
                    continue;
                }

                if (!groups.TryGetValue(group, out var list))
                {
                    groups[group] = list = new List<string>();
                }

                list.Add(file);
            }
        }

        return groups.ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Value.OrderBy(f => f, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    /// <summary>Whether the group's .csproj removes the file's folder from compilation (patterns <c>Folder\**</c>).</summary>
    private static bool IsRemoved(string file, string group)
    {
        var folder = Path.Combine(RepositoryRoot.Path, group);
        foreach (var project in Directory.GetFiles(folder, "*.csproj"))
        {
            foreach (Match match in CompileRemove.Matches(File.ReadAllText(project)))
            {
                foreach (var pattern in match.Groups["folders"].Value.Split(';'))
                {
                    var removed = pattern.Trim().Replace('\\', '/');
                    if (removed.EndsWith("/**", StringComparison.Ordinal) &&
                        Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/').StartsWith(removed.Substring(0, removed.Length - 2), StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static string GroupOf(string file, string top)
    {
        var directory = Path.GetDirectoryName(file)!;
        for (var current = directory; current.Length > top.Length; current = Path.GetDirectoryName(current)!)
        {
            if (Directory.GetFiles(current, "*.csproj").Length > 0)
            {
                return Relative(current);
            }
        }

        // No project above it: its folder directly under src/ or tests/ (src/Shared, tests/Shared).
        var first = Path.GetRelativePath(top, directory).Split(Path.DirectorySeparatorChar)[0];
        return Relative(first == "." ? top : Path.Combine(top, first));
    }

    private static string Relative(string folder) => Path.GetRelativePath(RepositoryRoot.Path, folder).Replace(Path.DirectorySeparatorChar, '/');
}
