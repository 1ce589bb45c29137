using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Planning;

/// <summary>
/// Which catalogs of the compilation generate code, decided from their keys alone: a catalog that two files declare,
/// or that would generate the same class as another, is reported instead of generated; too old a language version
/// generates nothing.
/// </summary>
/// <param name="Selected">The files whose catalogs generate code, in ordinal order.</param>
/// <param name="Diagnostics">Why the others do not.</param>
internal sealed record CatalogSelection(EquatableArray<string> Selected, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool Generates(string filePath)
    {
        foreach (var selected in Selected)
        {
            if (string.Equals(selected, filePath, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static CatalogSelection Of(ImmutableArray<CatalogKey> keys, LanguageVersion languageVersion)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var selected = new List<string>();
        var owners = new Dictionary<string, CatalogKey>(StringComparer.Ordinal);
        var classes = new Dictionary<string, CatalogKey>(StringComparer.Ordinal);
        foreach (var key in keys.OrderBy(k => k.FilePath, StringComparer.Ordinal))
        {
            if (key.CatalogName is null)
            {
                continue;
            }

            if (owners.TryGetValue(key.CatalogName, out var owner))
            {
                if (owner.FilePath == key.FilePath)
                {
                    // One file listed twice (overlapping MSBuild items) is one catalog, read once.
                    continue;
                }

                diagnostics.Add(new DiagnosticInfo(CatalogDiagnostics.DuplicateCatalog, key.FilePath, key.CatalogSpan, key.CatalogName, owner.FilePath));
                continue;
            }

            owners[key.CatalogName] = key;
            if (key.ClassName is null)
            {
                continue;
            }

            if (classes.TryGetValue(key.ClassName, out var other))
            {
                diagnostics.Add(new DiagnosticInfo(
                    CatalogDiagnostics.CollidingCatalogClass, key.FilePath, key.CatalogSpan, key.CatalogName, key.ClassName, other.CatalogName ?? "", other.FilePath));
                continue;
            }

            classes[key.ClassName] = key;
            if (!LanguageVersions.CanGenerate(languageVersion))
            {
                diagnostics.Add(new DiagnosticInfo(
                    CatalogDiagnostics.LanguageVersionTooOld, key.FilePath, key.CatalogSpan, key.CatalogName, languageVersion.ToDisplayString()));
                continue;
            }

            selected.Add(key.FilePath);
        }

        return new CatalogSelection(new EquatableArray<string>(selected), new EquatableArray<DiagnosticInfo>(diagnostics));
    }
}
