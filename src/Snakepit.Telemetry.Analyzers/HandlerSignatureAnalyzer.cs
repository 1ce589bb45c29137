using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// SNK008: an <c>[OnEvent]</c> method whose signature does not fit its event: wrong payload type, not void, async,
/// a ref/out parameter, static, generic for one event or not generic for a prefix. States the expected signature.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandlerSignatureAnalyzer : DiagnosticAnalyzer
{
    private static readonly SymbolDisplayFormat Short = SymbolDisplayFormat.MinimallyQualifiedFormat;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(HandlerDiagnostics.HandlerSignature);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = TelemetrySymbols.Create(start.Compilation);
            if (symbols.OnEventAttribute is null)
            {
                return;
            }

            var known = KnownEvents.Create(start.Compilation, symbols);
            start.RegisterSymbolAction(symbol => Analyze(symbol, known, symbols), SymbolKind.Method);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownEvents known, TelemetrySymbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        foreach (var (eventName, _) in HandlerRules.OnEventNames(method, symbols))
        {
            // Unknown names are SNK006's: their payload, and so the right signature, is unknown.
            if (!known.Matches(eventName, allowPrefix: false))
            {
                continue;
            }

            var isPattern = HandlerRules.IsPattern(eventName);
            var payload = isPattern ? null : known.Payload(eventName);
            if (!isPattern && payload is null)
            {
                continue;
            }

            var problem = isPattern ? HandlerRules.CheckGeneric(method, symbols) : HandlerRules.CheckTyped(method, eventName, payload, symbols);
            if (problem == SignatureProblem.None)
            {
                continue;
            }

            var parameterName = method.Parameters.Length > 0 ? method.Parameters[0].Name : "e";
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(HandlerDiagnosticProperties.Payload, payload?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) ?? HandlerDiagnosticProperties.GenericPayload)
                .Add(HandlerDiagnosticProperties.ParameterName, parameterName);
            var expected = HandlerRules.ExpectedSignature(method.Name, eventName, payload?.ToDisplayString(Short));
            context.ReportDiagnostic(Diagnostic.Create(
                HandlerDiagnostics.HandlerSignature,
                method.Locations.FirstOrDefault(),
                properties,
                method.Name,
                eventName,
                Reason(problem, method, eventName, payload),
                expected));
            return;
        }
    }

    private static string Reason(SignatureProblem problem, IMethodSymbol method, string eventName, INamedTypeSymbol? payload) => problem switch
    {
        SignatureProblem.NotVoid => $"it returns '{method.ReturnType.ToDisplayString(Short)}'; the runtime ignores results, so handlers return void",
        SignatureProblem.Async => "it is async; the runtime calls handlers synchronously and would not observe the task or its exceptions",
        SignatureProblem.Static => "it is static; the runtime calls the handler on the attached instance",
        SignatureProblem.ParameterCount => $"it takes {method.Parameters.Length} parameters; a handler takes the event payload only",
        SignatureProblem.RefOrOut => $"its parameter is '{method.Parameters[0].RefKind.ToString().ToLowerInvariant()}'; take the payload 'in'",
        SignatureProblem.WrongPayload => $"it takes '{method.Parameters[0].Type.ToDisplayString(Short)}', but the payload of '{eventName}' is '{payload?.ToDisplayString(Short)}'",
        SignatureProblem.GenericNotAllowed => $"it is generic, but '{eventName}' is one event with its own payload type",
        SignatureProblem.MustBeGeneric => $"'{eventName}' is a prefix, so the method must be generic over the event type",
        SignatureProblem.BadConstraints => "its type parameter must be constrained 'where TEvent : struct, ITelemetryEvent' and nothing else",
        _ => problem.ToString(),
    };
}
