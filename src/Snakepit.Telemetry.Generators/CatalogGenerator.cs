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
using Snakepit.Telemetry.Generators.Planning;
using Snakepit.Telemetry.Generators.Wiring;
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
        public const string CatalogFiles = nameof(CatalogFiles);
        public const string CatalogTexts = nameof(CatalogTexts);
        public const string ParsedCatalogs = nameof(ParsedCatalogs);
        public const string ParseResults = nameof(ParseResults);
        public const string DistinctCatalogs = nameof(DistinctCatalogs);
        public const string CatalogKeys = nameof(CatalogKeys);
        public const string Selection = nameof(Selection);
        public const string BaselineFiles = nameof(BaselineFiles);
        public const string BaselineTexts = nameof(BaselineTexts);
        public const string ParsedBaselines = nameof(ParsedBaselines);
        public const string BaselineChecks = nameof(BaselineChecks);
        public const string LanguageVersion = nameof(LanguageVersion);
        public const string ModuleInitializerAvailable = nameof(ModuleInitializerAvailable);
        public const string Sources = nameof(Sources);
        public const string Lookalikes = nameof(Lookalikes);
    }

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
            .Select(static (options, _) => LanguageVersions.Of(options))
            .WithTrackingName(Steps.LanguageVersion);

        // One bool from the compilation (never the compilation itself): whether ModuleInitializerAttribute can be used.
        // It changes only when the attribute appears or goes, so edits of C# code leave the sources below cached.
        var moduleInitializerAvailable = context.CompilationProvider
            .Select(static (compilation, _) => HasModuleInitializerAttribute(compilation))
            .WithTrackingName(Steps.ModuleInitializerAvailable);

        // Cross-catalog checks see each catalog's key only (file, name, class), so editing one catalog's events leaves
        // the selection equal; each catalog is then emitted by an output of its own, and the others stay cached.
        // A file listed twice (overlapping MSBuild items) is one catalog: each file once, as items again, so that an edit
        // of one leaves the others' items unchanged.
        var catalogs = parsed
            .Collect()
            .SelectMany(static (results, _) => DistinctByPath(results))
            .WithTrackingName(Steps.DistinctCatalogs);

        var selection = catalogs
            .Select(static (result, _) => CatalogKey.Of(result))
            .WithTrackingName(Steps.CatalogKeys)
            .Collect()
            .Combine(languageVersion)
            .Select(static (input, _) => CatalogSelection.Of(input.Left, input.Right))
            .WithTrackingName(Steps.Selection);

        var outputs = catalogs
            .Combine(selection)
            .Combine(languageVersion.Combine(moduleInitializerAvailable))
            .Select(static (input, _) => new CatalogOutput(
                input.Left.Right.Generates(input.Left.Left.FilePath) ? input.Left.Left.Spec : null,
                input.Right.Right && LanguageVersions.AllowsModuleInitializers(input.Right.Left)))
            .WithTrackingName(Steps.Sources);

        // YAML files that look like catalogs but are not named as one (the package's targets give them): SNK111 each.
        var lookalikes = context.AdditionalTextsProvider
            .Where(static text => CatalogLookalike.IsCandidate(text.Path))
            .Select(static (text, cancellationToken) => CatalogLookalike.Check(ReadText(text, cancellationToken)))
            .WithTrackingName(Steps.Lookalikes);

        context.RegisterSourceOutput(catalogs, static (spc, result) => Report(spc, result.Diagnostics));
        context.RegisterSourceOutput(lookalikes, static (spc, diagnostics) => Report(spc, diagnostics));
        context.RegisterSourceOutput(breakingChanges, static (spc, diagnostics) => Report(spc, diagnostics));
        context.RegisterSourceOutput(selection, static (spc, selected) => Report(spc, selected.Diagnostics));
        context.RegisterSourceOutput(outputs, static (spc, output) =>
        {
            if (output.Spec is null)
            {
                return;
            }

            foreach (var source in CatalogEmitter.Emit(output.Spec, output.ModuleInitializers))
            {
                spc.AddSource(source.Key, SourceText.From(source.Value, System.Text.Encoding.UTF8));
            }
        });

        HandlerWiringPipeline.Register(context, catalogs, languageVersion);
    }

    private static ImmutableArray<CatalogParseResult> DistinctByPath(ImmutableArray<CatalogParseResult> results)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var distinct = ImmutableArray.CreateBuilder<CatalogParseResult>(results.Length);
        foreach (var result in results)
        {
            if (seen.Add(result.FilePath))
            {
                distinct.Add(result);
            }
        }

        return distinct.ToImmutable();
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    private static CatalogFileText ReadText(AdditionalText text, System.Threading.CancellationToken cancellationToken) =>
        new(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty);

    /// <summary>Catalog files are named <c>events.yaml</c> or <c>&lt;anything&gt;.events.yaml</c> (or <c>.yml</c>).</summary>
    internal static bool IsCatalogFile(string path) => CatalogFiles.IsCatalog(path);

    /// <summary>Whether the compilation can use <c>[ModuleInitializer]</c>: the attribute is public in a reference or declared in the compilation itself.</summary>
    internal static bool HasModuleInitializerAttribute(Compilation compilation) =>
        compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ModuleInitializerAttribute") is { } attribute &&
        (attribute.DeclaredAccessibility == Accessibility.Public || SymbolEqualityComparer.Default.Equals(attribute.ContainingAssembly, compilation.Assembly));
}
