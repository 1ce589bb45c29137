using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Generators.Parsing;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators.Evolution;

/// <summary>
/// The check of one catalog against its shipped baseline (<c>X.shipped.yaml</c> beside <c>X.yaml</c>): no baseline,
/// no check; a catalog with errors of its own is not compared (its errors are reported already); a baseline that
/// cannot be read is a warning in the baseline (SNK110); otherwise every breaking change is an SNK109 in the catalog.
/// Both files are read by the generator's own parser, so the comparison sees what the generated code sees.
/// </summary>
internal static class BaselineCheck
{
    public static EquatableArray<DiagnosticInfo> Run(ParsedCatalogFile catalog, ImmutableArray<ParsedCatalogFile> baselines, CancellationToken cancellationToken)
    {
        try
        {
            var baseline = Find(catalog.Path, baselines);
            return baseline is null ? EquatableArray<DiagnosticInfo>.Empty : Compare(catalog, baseline, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A bug of ours must never become CS8785 in a user's build.
            return new EquatableArray<DiagnosticInfo>(new[]
            {
                new DiagnosticInfo(CatalogDiagnostics.ReadFailure, catalog.Path, default, ex.GetType().Name, ex.Message),
            });
        }
    }

    /// <summary>The baseline of the catalog at <paramref name="catalogPath"/>: same folder, <c>.shipped</c> before the extension.</summary>
    internal static ParsedCatalogFile? Find(string catalogPath, ImmutableArray<ParsedCatalogFile> baselines)
    {
        ParsedCatalogFile? loose = null;
        foreach (var baseline in baselines)
        {
            var owner = CatalogFiles.CatalogOfBaseline(baseline.Path);
            if (owner is null)
            {
                continue;
            }

            if (string.Equals(owner, catalogPath, StringComparison.Ordinal))
            {
                return baseline;
            }

            // Paths from MSBuild may differ in case or separators on Windows.
            if (loose is null && string.Equals(Normalize(owner), Normalize(catalogPath), StringComparison.OrdinalIgnoreCase))
            {
                loose = baseline;
            }
        }

        return loose;
    }

    /// <summary>
    /// A path with one kind of separator and its <c>.</c> and <c>..</c> segments resolved, as text: the compiler keeps
    /// an AdditionalFile's path as the project wrote it (<c>/repo/app/../shared/events.yaml</c>), while the package's
    /// targets add baselines by their full path (<c>/repo/shared/events.shipped.yaml</c>).
    /// </summary>
    internal static string Normalize(string path)
    {
        var segments = path.Replace('\\', '/').Split('/');
        var kept = new System.Collections.Generic.List<string>(segments.Length);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment == "." || (segment.Length == 0 && i > 0 && i < segments.Length - 1))
            {
                continue;
            }

            if (segment == ".." && kept.Count > 0 && kept[kept.Count - 1] != ".." && !(kept.Count == 1 && (kept[0].Length == 0 || kept[0].EndsWith(":", StringComparison.Ordinal))))
            {
                kept.RemoveAt(kept.Count - 1);
                continue;
            }

            kept.Add(segment);
        }

        return string.Join("/", kept);
    }

    private static EquatableArray<DiagnosticInfo> Compare(ParsedCatalogFile catalog, ParsedCatalogFile baseline, CancellationToken cancellationToken)
    {
        var current = catalog.Result.Spec;
        if (current is null)
        {
            // Its own errors are reported already; there is nothing to compare.
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        var shipped = baseline.Result;
        var baselineName = Path.GetFileName(baseline.Path);
        if (shipped.Spec is null)
        {
            var first = shipped.Diagnostics.FirstOrDefault(d => d.Descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
            var problem = first is null ? "it declares no catalog" : $"{first.Descriptor.Id} at line {first.Span.StartLine + 1}: {first.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
            return new EquatableArray<DiagnosticInfo>(new[]
            {
                new DiagnosticInfo(CatalogDiagnostics.UnreadableBaseline, baseline.Path, first?.Span ?? default, baselineName, problem, Path.GetFileName(catalog.Path)),
            });
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new EquatableArray<DiagnosticInfo>(CatalogComparer.Compare(
            shipped.Spec, current, CatalogLocator.For(catalog.Text), CatalogLocator.For(baseline.Text), catalog.Path, baselineName));
    }
}
