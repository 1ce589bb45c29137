// Linked into the generator tests and the analyzer tests: every descriptor, wherever it is declared, is held to the
// same rules, and the docs' rule tables are generated from the descriptors (a test fails when they are stale).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Snakepit.Telemetry.TestCases;

/// <summary>Checks of diagnostic descriptors against their ids, help links, docs pages, release tracking and docs tables.</summary>
internal static class DescriptorChecks
{
    /// <summary>Set to 1 to rewrite the generated docs tables instead of failing when they are stale.</summary>
    public const string UpdateDocsVariable = "SNAKEPIT_UPDATE_DOCS";

    private const string HelpBase = "https://github.com/snakepit-generators/Snakepit.Generators/blob/main/docs/diagnostics/";

    /// <summary>The descriptors declared as static fields of <paramref name="holder"/>, in declaration order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> DeclaredIn(Type holder) =>
        holder.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

    /// <summary>Every descriptor: id format, help link, docs page, a real message format, and an entry in the release file.</summary>
    public static void AssertWellFormed(IReadOnlyList<DiagnosticDescriptor> descriptors, string releasesFile)
    {
        Assert.NotEmpty(descriptors);
        var releases = File.ReadAllText(Path.Combine(RepositoryRoot.Path, releasesFile));
        foreach (var descriptor in descriptors)
        {
            var id = descriptor.Id;
            Assert.Matches(new Regex("^SNK[0-9]{3}$"), id);
            Assert.Equal(HelpBase + id + ".md", descriptor.HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, "docs", "diagnostics", id + ".md")), $"{id} has no page docs/diagnostics/{id}.md");

            var format = descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture);
            Assert.False(Regex.IsMatch(format, @"^\s*\{0\}\s*$"), $"{id}: a message that is only '{{0}}' is written at the call sites; put the text in the descriptor");
            var placeholders = Regex.Matches(format.Replace("{{", "").Replace("}}", ""), @"\{(\d+)\}").Cast<Match>().Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max() + 1;
            _ = string.Format(CultureInfo.InvariantCulture, format, Enumerable.Repeat((object)"x", placeholders).ToArray());
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString(CultureInfo.InvariantCulture)), id + " has no title");
        }

        foreach (var group in descriptors.GroupBy(d => d.Id))
        {
            // One id per rule and severity: .editorconfig sets an id's severity as a whole, so an id at two severities
            // (or under two titles or categories) cannot be silenced without silencing the other rule too.
            Assert.True(group.Select(d => d.DefaultSeverity).Distinct().Count() == 1, $"{group.Key} has several default severities; give each severity its own id");
            Assert.True(group.Select(d => d.Category).Distinct().Count() == 1, $"{group.Key} has several categories");
            Assert.True(group.Select(d => d.Title.ToString(CultureInfo.InvariantCulture)).Distinct().Count() == 1, $"{group.Key} has several titles");
            AssertPageHeader(group.First());

            var row = new Regex("^" + group.Key + @" \| (?<category>[^|]+) \| (?<severity>[^|]+) \|", RegexOptions.Multiline).Match(releases);
            Assert.True(row.Success, $"{group.Key} has no entry in {releasesFile}");
            Assert.Contains(group, d => d.Category == row.Groups["category"].Value.Trim() && d.DefaultSeverity.ToString() == row.Groups["severity"].Value.Trim());
        }
    }

    /// <summary>
    /// The header of the id's page (docs/diagnostics/&lt;id&gt;.md) says what its descriptor says: the first line is
    /// <c># ID: Title</c>, and the line of facts starts <c>**Severity:** severity · **Category:** category</c>.
    /// </summary>
    private static void AssertPageHeader(DiagnosticDescriptor descriptor)
    {
        var id = descriptor.Id;
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "diagnostics", id + ".md"));
        var title = descriptor.Title.ToString(CultureInfo.InvariantCulture);
        Assert.True(lines.Length > 2 && lines[0] == $"# {id}: {title}", $"docs/diagnostics/{id}.md must start '# {id}: {title}' (its descriptor's title), not '{lines.FirstOrDefault()}'");

        var facts = lines.FirstOrDefault(l => l.StartsWith("**Severity:**", StringComparison.Ordinal));
        var expected = $"**Severity:** {Severity(descriptor.DefaultSeverity)} · **Category:** {descriptor.Category}";
        Assert.True(
            facts is not null && (facts == expected || facts.StartsWith(expected + " ·", StringComparison.Ordinal)),
            $"docs/diagnostics/{id}.md must say '{expected}' (its descriptor's severity and category), not '{facts}'");
    }

    /// <summary>
    /// The markdown table of <paramref name="descriptors"/> (one row per id) between <c>&lt;!-- rules:begin --&gt;</c>
    /// and <c>&lt;!-- rules:end --&gt;</c> in <paramref name="docsFile"/> must be what the descriptors say.
    /// </summary>
    public static void AssertDocsTable(IReadOnlyList<DiagnosticDescriptor> descriptors, string docsFile, ISet<string>? fixableIds)
    {
        var path = Path.Combine(RepositoryRoot.Path, docsFile);
        var text = File.ReadAllText(path).Replace("\r\n", "\n");
        const string Begin = "<!-- rules:begin (generated from the descriptors by DescriptorChecks; do not edit) -->\n";
        const string End = "<!-- rules:end -->";
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"{docsFile} has no generated rules table (markers '{Begin.Trim()}' ... '{End}')");

        var expected = Table(descriptors, fixableIds);
        var actual = text.Substring(start + Begin.Length, end - start - Begin.Length);
        if (actual == expected)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(UpdateDocsVariable) == "1")
        {
            File.WriteAllText(path, text.Substring(0, start + Begin.Length) + expected + text.Substring(end));
            return;
        }

        Assert.Fail($"The rules table of {docsFile} is stale. Run the tests with {UpdateDocsVariable}=1 to regenerate it. Expected:\n{expected}");
    }

    private static string Table(IReadOnlyList<DiagnosticDescriptor> descriptors, ISet<string>? fixableIds)
    {
        var table = new StringBuilder();
        table.Append(fixableIds is null ? "| ID | default | rule |\n|---|---|---|\n" : "| ID | default | rule | code fix |\n|---|---|---|---|\n");
        foreach (var group in descriptors.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var severities = string.Join(" / ", group.Select(d => Severity(d.DefaultSeverity)).Distinct());
            var titles = string.Join("; ", group.Select(d => d.Title.ToString(CultureInfo.InvariantCulture)).Distinct());
            table.Append($"| [{group.Key}](diagnostics/{group.Key}.md) | {severities} | {titles} |");
            if (fixableIds is not null)
            {
                table.Append(fixableIds.Contains(group.Key) ? " yes |" : " — |");
            }

            table.Append('\n');
        }

        return table.ToString();
    }

    private static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };
}
