using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Snakepit.Telemetry.PackageTests;

/// <summary>
/// The C# blocks of a markdown file, each turned into a compilable file as written: its using directives kept, its
/// statements (a Program.cs-style block) put in a method, its type declarations kept, all in a namespace of its own so
/// blocks never collide.
/// </summary>
internal static class DocumentationSnippets
{
    private static readonly Regex Block = new(@"^```csharp\r?\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline);

    private static readonly Regex UsingDirective = new(@"^using (static )?[A-Za-z_][\w.]*( = [\w.<>]+)?;\s*(//.*)?$");

    private static readonly Regex TypeStart = new(@"^(\[|public |internal |sealed |static |partial |abstract |file |class |struct |record |interface |enum )");

    /// <summary>Every C# block of <paramref name="markdown"/>, with its 1-based line in the file.</summary>
    public static IReadOnlyList<(int Line, string Code)> Extract(string markdown) =>
        Block.Matches(markdown)
            .Select(m => (markdown.Substring(0, m.Index).Count(c => c == '\n') + 1, m.Groups[1].Value))
            .ToList();

    /// <summary>
    /// The packages a user reading <paramref name="markdown"/> up to the block at <paramref name="line"/> is told to add for
    /// it: those named in the text since the previous block (or heading) and in the block itself, from
    /// <paramref name="known"/>; Snakepit.Telemetry always (README's first step).
    /// </summary>
    public static IReadOnlyList<string> PackagesNamedFor(string markdown, int line, IEnumerable<string> known)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var start = line - 2;   // the line before the block's fence, 0-based
        var from = start;
        while (from > 0 && !lines[from - 1].StartsWith("```", StringComparison.Ordinal) && !lines[from - 1].StartsWith("#", StringComparison.Ordinal))
        {
            from--;
        }

        var end = start + 1;
        while (end < lines.Length && !(end > start + 1 && lines[end].StartsWith("```", StringComparison.Ordinal)))
        {
            end++;
        }

        var text = string.Join("\n", lines.Skip(from).Take(end - from));
        return new[] { "Snakepit.Telemetry" }
            .Concat(known.Where(id => Regex.IsMatch(text, @"(?<![\w.])" + Regex.Escape(id) + @"(?![\w.])")))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A compilable file for one block: the block's own text, wrapped, with a comment saying where it comes from.</summary>
    public static string Wrap(string source, int line, string code, string @namespace)
    {
        var lines = code.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        var usings = lines.TakeWhile(l => UsingDirective.IsMatch(l) || l.Trim().Length == 0 || l.StartsWith("//", StringComparison.Ordinal))
            .Where(l => UsingDirective.IsMatch(l))
            .ToList();
        var rest = lines.Skip(lines.ToList().FindLastIndex(l => usings.Contains(l)) + 1).ToList();
        var firstType = rest.FindIndex(l => TypeStart.IsMatch(l));
        var statements = firstType < 0 ? rest : rest.Take(firstType).ToList();
        var types = firstType < 0 ? new List<string>() : rest.Skip(firstType).ToList();
        var hasStatements = statements.Any(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("//", StringComparison.Ordinal));

        var text = new StringBuilder();
        text.AppendLine($"// {source}, line {line}: extracted by DocumentationSnippetTests.");
        foreach (var directive in usings)
        {
            text.AppendLine(directive);
        }

        text.AppendLine($"namespace {@namespace}");
        text.AppendLine("{");
        if (hasStatements)
        {
            var isAsync = statements.Any(l => l.Contains("await ", StringComparison.Ordinal));
            text.AppendLine("    internal static class Snippet");
            text.AppendLine("    {");
            text.AppendLine($"        public static {(isAsync ? "async System.Threading.Tasks.Task" : "void")} Run(string[] args)");
            text.AppendLine("        {");
            foreach (var statement in statements)
            {
                text.AppendLine("            " + statement);
            }

            text.AppendLine("        }");
            text.AppendLine("    }");
        }

        foreach (var type in types)
        {
            text.AppendLine("    " + type);
        }

        text.AppendLine("}");
        return text.ToString();
    }
}
