using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Snakepit.Telemetry.Generators.Emitting;
using Snakepit.Telemetry.Generators.Evolution;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Generators.Parsing;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators;

/// <summary>
/// Generates typed telemetry events from every catalog (<c>events.yaml</c>, <c>*.events.yaml</c>) given to the
/// compiler as an AdditionalFile. Pipeline: catalog files, parsed into value-equatable results, then sources and
/// diagnostics in separate outputs. The only input from the compilation is one bool (whether module initializers can
/// be used), so editing C# code never re-parses or re-emits a catalog. A catalog with a shipped baseline
/// (<c>events.shipped.yaml</c> beside <c>events.yaml</c>) is compared with it, and every breaking change is an error
/// in the catalog (SNK109).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CatalogGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, used by tests to prove outputs stay cached.</summary>
    public static class Steps
    {
        public const string CatalogFiles = "CatalogFiles";
        public const string CatalogTexts = "CatalogTexts";
        public const string ParsedCatalogs = "ParsedCatalogs";
        public const string ParseResults = "ParseResults";
        public const string BaselineFiles = "BaselineFiles";
        public const string BaselineTexts = "BaselineTexts";
        public const string ParsedBaselines = "ParsedBaselines";
        public const string BaselineChecks = "BaselineChecks";
        public const string AllCatalogs = "AllCatalogs";
        public const string LanguageVersion = "LanguageVersion";
        public const string ModuleInitializerAvailable = "ModuleInitializerAvailable";
        public const string Sources = "CatalogSources";
    }

    /// <summary>The oldest C# version the generated code compiles with.</summary>
    internal const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp8;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var catalogTexts = context.AdditionalTextsProvider
            .Where(static text => IsCatalogFile(text.Path))
            .WithTrackingName(Steps.CatalogFiles)
            .Select(static (text, cancellationToken) => ReadText(text, cancellationToken))
            .WithTrackingName(Steps.CatalogTexts);

        var parsedFiles = catalogTexts
            .Select(static (text, cancellationToken) => ParsedCatalogFile.Parse(text, cancellationToken))
            .WithTrackingName(Steps.ParsedCatalogs);

        var parsed = parsedFiles
            .Select(static (file, _) => file.Result)
            .WithTrackingName(Steps.ParseResults);

        // Baselines are read and parsed once each, only when present; a catalog is compared with its baseline only when
        // either changes, from the parse results (the texts are read again only to locate a breaking change).
        var baselines = context.AdditionalTextsProvider
            .Where(static text => CatalogFiles.IsBaseline(text.Path))
            .WithTrackingName(Steps.BaselineFiles)
            .Select(static (text, cancellationToken) => ReadText(text, cancellationToken))
            .WithTrackingName(Steps.BaselineTexts)
            .Select(static (text, cancellationToken) => ParsedCatalogFile.Parse(text, cancellationToken))
            .WithTrackingName(Steps.ParsedBaselines)
            .Collect();

        var breakingChanges = parsedFiles
            .Combine(baselines)
            .Select(static (input, cancellationToken) => BaselineCheck.Run(input.Left, input.Right, cancellationToken))
            .WithTrackingName(Steps.BaselineChecks);

        var languageVersion = context.ParseOptionsProvider
            .Select(static (options, _) => options is CSharpParseOptions csharp ? csharp.LanguageVersion : MinimumLanguageVersion)
            .WithTrackingName(Steps.LanguageVersion);

        // One bool from the compilation (never the compilation itself): whether ModuleInitializerAttribute can be used.
        // It changes only when the attribute appears or goes, so edits of C# code leave the sources below cached.
        var moduleInitializerAvailable = context.CompilationProvider
            .Select(static (compilation, _) => HasModuleInitializerAttribute(compilation))
            .WithTrackingName(Steps.ModuleInitializerAvailable);

        var sources = parsed
            .Collect()
            .Combine(languageVersion)
            .Combine(moduleInitializerAvailable)
            .Select(static (input, _) => Plan(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(Steps.Sources);

        context.RegisterSourceOutput(parsed, static (spc, result) =>
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        context.RegisterSourceOutput(breakingChanges, static (spc, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        context.RegisterSourceOutput(sources, static (spc, plan) =>
        {
            foreach (var diagnostic in plan.Diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            foreach (var catalog in plan.Catalogs)
            {
                foreach (var source in CatalogEmitter.Emit(catalog, plan.ModuleInitializers))
                {
                    spc.AddSource(source.Key, SourceText.From(source.Value, System.Text.Encoding.UTF8));
                }
            }
        });
    }

    private static CatalogFileText ReadText(AdditionalText text, System.Threading.CancellationToken cancellationToken) =>
        new(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty);

    /// <summary>Catalog files are named <c>events.yaml</c> or <c>&lt;anything&gt;.events.yaml</c> (or <c>.yml</c>).</summary>
    internal static bool IsCatalogFile(string path) => CatalogFiles.IsCatalog(path);

    /// <summary>
    /// Decides what to generate from all catalogs of the compilation: catalogs that two files declare, or that
    /// would generate the same class, are reported instead of generated; too old a language version generates nothing.
    /// </summary>
    /// <summary>Whether the compilation can use <c>[ModuleInitializer]</c>: the attribute is public in a reference or declared in the compilation itself.</summary>
    internal static bool HasModuleInitializerAttribute(Compilation compilation) =>
        compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ModuleInitializerAttribute") is { } attribute &&
        (attribute.DeclaredAccessibility == Accessibility.Public || SymbolEqualityComparer.Default.Equals(attribute.ContainingAssembly, compilation.Assembly));

    internal static GenerationPlan Plan(ImmutableArray<CatalogParseResult> results, LanguageVersion languageVersion, bool moduleInitializerAvailable = false)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var catalogs = new List<CatalogSpec>();
        var owners = new Dictionary<string, CatalogParseResult>(StringComparer.Ordinal);
        var classes = new Dictionary<string, CatalogParseResult>(StringComparer.Ordinal);
        foreach (var result in results.OrderBy(r => r.FilePath, StringComparer.Ordinal))
        {
            if (result.CatalogName is null)
            {
                continue;
            }

            if (owners.TryGetValue(result.CatalogName, out var owner))
            {
                if (owner.FilePath == result.FilePath)
                {
                    // One file listed twice (overlapping MSBuild items) is one catalog, read once.
                    continue;
                }

                diagnostics.Add(new DiagnosticInfo(
                    CatalogDiagnostics.DuplicateCatalog,
                    result.FilePath,
                    result.CatalogSpan,
                    result.CatalogName,
                    owner.FilePath));
                continue;
            }

            owners[result.CatalogName] = result;
            if (result.Spec is null)
            {
                continue;
            }

            var className = result.Spec.Namespace + "." + result.Spec.ClassName;
            if (classes.TryGetValue(className, out var other))
            {
                diagnostics.Add(new DiagnosticInfo(
                    CatalogDiagnostics.CollidingCatalogClass,
                    result.FilePath,
                    result.CatalogSpan,
                    result.CatalogName,
                    className,
                    other.CatalogName ?? "",
                    other.FilePath));
                continue;
            }

            classes[className] = result;
            if (languageVersion != LanguageVersion.Default && languageVersion != LanguageVersion.Latest &&
                languageVersion != LanguageVersion.LatestMajor && languageVersion != LanguageVersion.Preview &&
                languageVersion < MinimumLanguageVersion)
            {
                diagnostics.Add(new DiagnosticInfo(
                    CatalogDiagnostics.LanguageVersionTooOld,
                    result.FilePath,
                    result.CatalogSpan,
                    result.CatalogName,
                    languageVersion.ToDisplayString()));
                continue;
            }

            catalogs.Add(result.Spec);
        }

        var moduleInitializers = moduleInitializerAvailable &&
            (languageVersion == LanguageVersion.Default || languageVersion == LanguageVersion.Latest ||
             languageVersion == LanguageVersion.LatestMajor || languageVersion == LanguageVersion.Preview ||
             languageVersion >= LanguageVersion.CSharp9);
        return new GenerationPlan(new EquatableArray<CatalogSpec>(catalogs), new EquatableArray<DiagnosticInfo>(diagnostics), moduleInitializers);
    }
}
