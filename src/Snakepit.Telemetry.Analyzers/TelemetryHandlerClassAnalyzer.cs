using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Snakepit.Telemetry.Generators.Wiring;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// SNK010: a <c>[TelemetryHandler]</c> class that is not partial (the generator cannot add its wiring), or that has
/// neither an <c>[OnEvent]</c> method nor a generated handler interface. A class whose only binding is invalid gets
/// SNK006 or SNK008 instead.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TelemetryHandlerClassAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Property of SNK010: "partial" when the fix is to add the partial modifier.</summary>
    public const string ReasonProperty = "Reason";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(HandlerDiagnostics.HandlerClass);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == HandlerRules.TelemetryHandlerAttribute))
        {
            return;
        }

        var location = type.Locations.FirstOrDefault();
        if (!HandlerRules.IsPartialEverywhere(type))
        {
            var outer = type.ContainingType is not null && !HandlerRules.IsPartialEverywhere(type.ContainingType) ? " (and so must its containing types)" : "";
            context.ReportDiagnostic(Diagnostic.Create(
                HandlerDiagnostics.HandlerClass,
                location,
                ImmutableDictionary<string, string?>.Empty.Add(ReasonProperty, "partial"),
                type.Name,
                "must be partial" + outer + ": the generator adds its wiring (attach under its id) to the class. Add the 'partial' modifier"));
            return;
        }

        var bindsSomething =
            HandlerRules.HandlerInterfaces(type).Length > 0 ||
            type.GetMembers().OfType<IMethodSymbol>().Any(m => HandlerRules.OnEventNames(m).Length > 0) ||
            type.Interfaces.Any(i => i.TypeKind == TypeKind.Error);
        if (!bindsSomething)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                HandlerDiagnostics.HandlerClass,
                location,
                ImmutableDictionary<string, string?>.Empty.Add(ReasonProperty, "empty"),
                type.Name,
                "binds no event: implement a generated handler interface (such as IPythonCallStopHandler) or add an [OnEvent(\"event.name\")] method"));
        }
    }
}
