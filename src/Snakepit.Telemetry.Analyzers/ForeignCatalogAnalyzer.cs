using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Snakepit.Telemetry.Shared;

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

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(HandlerDiagnostics.ForeignCatalogName, HandlerDiagnostics.ForeignEventName);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = TelemetrySymbols.Create(start.Compilation);
            var known = KnownEvents.Create(start.Compilation, symbols);
            if (known.ForeignCatalogs.Count == 0)
            {
                return;
            }

            start.RegisterAdditionalFileAction(file => Analyze(file, known));
            start.RegisterOperationAction(operation => AnalyzeEventName(operation, known, symbols), OperationKind.Return, OperationKind.FieldInitializer);
        });
    }

    /// <summary>
    /// A hand-written payload (a type implementing ITelemetryEvent in source; generated code is not analyzed) whose
    /// event name is under another assembly's catalog: a string its EventName getter returns, or a string constant it
    /// declares (such as <c>Name</c>), reported at the literal.
    /// </summary>
    private static void AnalyzeEventName(OperationAnalysisContext context, KnownEvents known, TelemetrySymbols symbols)
    {
        IOperation? value;
        INamedTypeSymbol? type;
        switch (context.Operation)
        {
            case IReturnOperation { ReturnedValue: { } returned }
                when context.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: IPropertySymbol property } &&
                     (property.Name == "EventName" || property.Name.EndsWith(".EventName", StringComparison.Ordinal)) &&
                     returned.Syntax is LiteralExpressionSyntax:
                value = returned;
                type = property.ContainingType;
                break;
            case IFieldInitializerOperation initializer when initializer.InitializedFields.Any(f => f.IsConst):
                value = initializer.Value;
                type = initializer.InitializedFields[0].ContainingType;
                break;
            default:
                return;
        }

        if (value.ConstantValue is not { HasValue: true, Value: string name } ||
            known.ForeignOwner(name) is not { } owner ||
            type is null ||
            !HandlerRules.IsTelemetryEvent(type, symbols))
        {
            return;
        }

        context.ReportDiagnostic(ForeignEventDiagnostic.Create(value.Syntax.GetLocation(), name, owner, known));
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
