using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Snakepit.Telemetry.Shared;
using Microsoft.CodeAnalysis.Operations;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// SNK009: a handler that emits an event it handles, directly or through the methods it calls (four levels,
/// cycle-safe): through generated emitters, span helpers, or TelemetryHub.Emit.
/// </summary>
[Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandlerRecursionAnalyzer : HandlerAnalyzer
{
    private const int MaxDepth = 4;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(HandlerDiagnostics.HandlerEmitsItsEvent);

    private protected override HandlerCheck CreateCheck(TelemetrySymbols symbols, AnalyzerOptions options, CancellationToken cancellationToken) =>
        (handler, compilation, report, token) => AnalyzeHandler(handler, symbols, compilation, report, token);

    private static void AnalyzeHandler(HandlerBody handler, TelemetrySymbols symbols, Compilation compilation, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        var handled = Handled(handler, symbols);
        if (handled.Count == 0)
        {
            return;
        }

        foreach (var invocation in HandlerBodies.OwnOperations(handler.Body).OfType<IInvocationOperation>())
        {
            var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var found = Find(invocation, handled, symbols, compilation, visited, 0, cancellationToken);
            if (found is not null)
            {
                report(Diagnostic.Create(HandlerDiagnostics.HandlerEmitsItsEvent, invocation.Syntax.GetLocation(), handler.Name, found.Value.Event, handler.Name + " -> " + found.Value.Chain));
            }
        }
    }

    /// <summary>The names or patterns of the events the handler receives.</summary>
    private static List<string> Handled(HandlerBody handler, TelemetrySymbols symbols)
    {
        var patterns = new List<string>();
        if (handler.Method is not null)
        {
            patterns.AddRange(HandlerRules.OnEventNames(handler.Method, symbols).Select(n => n.EventName));
        }

        if (patterns.Count == 0)
        {
            if (handler.PayloadType is ITypeParameterSymbol)
            {
                patterns.Add("*");
            }
            else if (HandlerRules.IsEventPayload(handler.PayloadType, symbols, out var name))
            {
                patterns.Add(name);
            }
        }

        return patterns;
    }

    private static (string Event, string Chain)? Find(IInvocationOperation invocation, List<string> handled, TelemetrySymbols symbols, Compilation compilation, HashSet<IMethodSymbol> visited, int depth, CancellationToken cancellationToken)
    {
        var emitted = EmittedEvent(invocation, symbols);
        if (emitted is not null)
        {
            return handled.Any(p => EventPatterns.Matches(p, emitted)) ? (emitted, Display(invocation.TargetMethod)) : null;
        }

        var target = invocation.TargetMethod;
        if (depth < MaxDepth && IsDeferral(target, symbols))
        {
            // Task.Run, ContinueWith, the thread pool: the work runs later, on another thread, and still re-emits (a
            // loop through the scheduler instead of the stack).
            foreach (var argument in invocation.Arguments)
            {
                var deferred = Deferred(argument.Value, compilation, cancellationToken);
                if (deferred is null)
                {
                    continue;
                }

                foreach (var inner in HandlerBodies.OwnOperations(deferred).OfType<IInvocationOperation>())
                {
                    var found = Find(inner, handled, symbols, compilation, visited, depth + 1, cancellationToken);
                    if (found is not null)
                    {
                        return (found.Value.Event, Display(target) + " -> " + found.Value.Chain);
                    }
                }
            }

            return null;
        }

        if (depth >= MaxDepth || target.DeclaringSyntaxReferences.Length == 0 || !visited.Add(target.OriginalDefinition))
        {
            return null;
        }

        var body = HandlerBodies.BodyOf(target, compilation, cancellationToken);
        if (body is null)
        {
            return null;
        }

        foreach (var inner in HandlerBodies.OwnOperations(body).OfType<IInvocationOperation>())
        {
            var found = Find(inner, handled, symbols, compilation, visited, depth + 1, cancellationToken);
            if (found is not null)
            {
                return (found.Value.Event, target.Name + " -> " + found.Value.Chain);
            }
        }

        return null;
    }

    private static bool IsDeferral(IMethodSymbol method, TelemetrySymbols symbols)
    {
        var type = method.ContainingType;
        return (TelemetrySymbols.IsAny(type, symbols.Task, symbols.TaskOfT) && method.Name is "Run" or "ContinueWith") ||
               (TelemetrySymbols.IsAny(type, symbols.TaskFactory, symbols.TaskFactoryOfT) && method.Name is "StartNew" or "ContinueWhenAll" or "ContinueWhenAny") ||
               (TelemetrySymbols.Is(type, symbols.ThreadPool) && method.Name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem");
    }

    /// <summary>The body a deferred delegate runs: a lambda's, or a method group's of this compilation.</summary>
    private static IOperation? Deferred(IOperation value, Compilation compilation, CancellationToken cancellationToken)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value is IDelegateCreationOperation creation
            ? creation.Target switch
            {
                IAnonymousFunctionOperation lambda => lambda.Body,
                IMethodReferenceOperation reference => HandlerBodies.BodyOf(reference.Method, compilation, cancellationToken),
                _ => null,
            }
            : null;
    }

    private static string Display(IMethodSymbol method) => method.ContainingType.Name + "." + method.Name;

    /// <summary>The event an invocation emits: generated emitters, span helpers, TelemetryHub.Emit.</summary>
    private static string? EmittedEvent(IInvocationOperation invocation, TelemetrySymbols symbols)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null)
        {
            return null;
        }

        if (method.Name == "Emit" && method.IsGenericMethod && TelemetrySymbols.Is(type, symbols.Hub))
        {
            return HandlerRules.IsEventPayload(method.TypeArguments[0], symbols, out var name) ? name : null;
        }

        // Generated emitters, span starts and ends say what they emit: [TelemetryEmitter(typeof(Payload))].
        var emitter = TelemetrySymbols.Attribute(method.OriginalDefinition, symbols.EmitterAttribute);
        return emitter?.ConstructorArguments.FirstOrDefault().ScalarValue() is ITypeSymbol payload && HandlerRules.IsEventPayload(payload, symbols, out var emitted)
            ? emitted
            : null;
    }

}
