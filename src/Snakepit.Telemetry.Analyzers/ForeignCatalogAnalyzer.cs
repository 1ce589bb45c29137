using System;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Snakepit.Telemetry.Generators.Parsing;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// SNK005 in events.yaml: a catalog of this project declaring events under a catalog name that a referenced assembly
/// owns (anyone but Snakepit declaring <c>snakepit.*</c>). Reported at the <c>catalog:</c> value in the YAML file.
/// String names in code under a foreign catalog are reported by <see cref="UnknownEventNameAnalyzer"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ForeignCatalogAnalyzer : DiagnosticAnalyzer
{
    private static readonly Regex CatalogLine = new(@"^catalog:[ \t]*[""']?(?<name>[A-Za-z0-9_]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(HandlerDiagnostics.ForeignCatalogName);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownEvents.Create(start.Compilation);
            if (known.ForeignCatalogs.Count == 0)
            {
                return;
            }

            start.RegisterAdditionalFileAction(file => Analyze(file, known));
        });
    }

    private static void Analyze(AdditionalFileAnalysisContext context, KnownEvents known)
    {
        var path = context.AdditionalFile.Path;
        var text = CatalogFiles.IsCatalog(path) ? context.AdditionalFile.GetText(context.CancellationToken) : null;
        if (text is null)
        {
            return;
        }

        var match = CatalogLine.Match(text.ToString());
        if (!match.Success || !known.ForeignCatalogs.TryGetValue(match.Groups["name"].Value, out var owner))
        {
            return;
        }

        var group = match.Groups["name"];
        var span = new TextSpan(group.Index, group.Length);
        var location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
        context.ReportDiagnostic(Diagnostic.Create(
            HandlerDiagnostics.ForeignCatalogName,
            location,
            group.Value,
            owner));
    }
}
