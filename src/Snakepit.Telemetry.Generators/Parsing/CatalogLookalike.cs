using System;
using System.IO;
using System.Text.RegularExpressions;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>
/// A YAML file given to the compiler that is not named as a catalog (the package's targets give those with a top-level
/// <c>catalog:</c> key): reported at that key with the name that would make it one (SNK111). Never parsed further.
/// </summary>
internal static class CatalogLookalike
{
    private static readonly Regex CatalogKey = new(@"^catalog[ \t]*:[ \t]*(?<name>[^\s#]*)", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>Whether the compiler's file is YAML that neither is a catalog nor a baseline.</summary>
    public static bool IsCandidate(string path)
    {
        var extension = Path.GetExtension(path);
        return (string.Equals(extension, ".yaml", StringComparison.OrdinalIgnoreCase) || string.Equals(extension, ".yml", StringComparison.OrdinalIgnoreCase)) &&
            !CatalogFiles.IsCatalog(path) && !CatalogFiles.IsBaseline(path);
    }

    /// <summary>The SNK111 of <paramref name="file"/>, or none when it has no top-level <c>catalog:</c> key.</summary>
    public static EquatableArray<DiagnosticInfo> Check(CatalogFileText file)
    {
        var match = CatalogKey.Match(file.Text);
        if (!match.Success)
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        var fileName = Path.GetFileName(file.Path);
        var name = match.Groups["name"].Value.Trim('"', '\'');
        var suggested = (IsPlainName(name) ? name : Path.GetFileNameWithoutExtension(fileName).Replace("-events", "").Replace("_events", "")) + ".events" + Path.GetExtension(fileName);
        var start = match.Index;
        var end = start + "catalog".Length;
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < start; i++)
        {
            if (file.Text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var span = new SourceSpan(start, end, line, start - lineStart, line, end - lineStart);
        return new EquatableArray<DiagnosticInfo>(new[] { new DiagnosticInfo(CatalogDiagnostics.CatalogNotCompiled, file.Path, span, fileName, suggested) });
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.'))
            {
                return false;
            }
        }

        return true;
    }
}
