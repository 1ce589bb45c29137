using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// SNK010: a <c>[TelemetryHandler]</c> class that is not partial (the generator cannot add its wiring), or that has
/// neither an <c>[OnEvent]</c> method nor a generated handler interface. A class whose only binding is invalid gets
/// SNK006 or SNK008 instead.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TelemetryHandlerClassAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(HandlerDiagnostics.HandlerClassNotPartial, HandlerDiagnostics.HandlerClassBindsNothing, HandlerDiagnostics.HandlerQueueCapacity);

    /// <summary>The runtime's range of TelemetryHandlerAttribute.QueueCapacity (TelemetryHandlerBuilder.MaxQueueCapacity).</summary>
    private const int MaxQueueCapacity = 1_048_576;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = TelemetrySymbols.Create(start.Compilation);
            if (symbols.TelemetryHandlerAttribute is { } handlerAttribute)
            {
                start.RegisterSymbolAction(symbol => Analyze(symbol, symbols, handlerAttribute), SymbolKind.NamedType);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, TelemetrySymbols symbols, INamedTypeSymbol handlerAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (TelemetrySymbols.Attribute(type, handlerAttribute) is null)
        {
            return;
        }

        var location = type.Locations.FirstOrDefault();
        foreach (var attribute in type.GetAttributes().Where(a => TelemetrySymbols.IsAttribute(a, handlerAttribute)))
        {
            var capacity = attribute.NamedArguments.FirstOrDefault(a => a.Key == "QueueCapacity").Value;
            if (capacity.ScalarValue() is int value && (value < 1 || value > MaxQueueCapacity))
            {
                var at = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax syntax
                    ? syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "QueueCapacity")?.GetLocation()
                    : null;
                context.ReportDiagnostic(Diagnostic.Create(
                    HandlerDiagnostics.HandlerQueueCapacity,
                    at ?? location,
                    type.Name,
                    value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        if (!HandlerRules.IsPartialEverywhere(type))
        {
            var outer = type.ContainingType is not null && !HandlerRules.IsPartialEverywhere(type.ContainingType) ? " (and so must its containing types)" : "";
            context.ReportDiagnostic(Diagnostic.Create(
                HandlerDiagnostics.HandlerClassNotPartial,
                location,
                ImmutableDictionary<string, string?>.Empty.Add(HandlerDiagnosticProperties.Reason, "partial"),
                type.Name,
                outer));
            return;
        }

        var bindsSomething =
            HandlerRules.HandlerInterfaces(type, symbols).Length > 0 ||
            type.GetMembers().OfType<IMethodSymbol>().Any(m => HandlerRules.OnEventNames(m, symbols).Length > 0) ||
            type.Interfaces.Any(i => i.TypeKind == TypeKind.Error);
        if (!bindsSomething)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                HandlerDiagnostics.HandlerClassBindsNothing,
                location,
                ImmutableDictionary<string, string?>.Empty.Add(HandlerDiagnosticProperties.Reason, "empty"),
                type.Name));
        }
    }
}
