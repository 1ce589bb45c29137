using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// SNK002: an exception can escape a handler: a <c>throw</c> not caught inside it, or, outside a try, a call that throws
/// on ordinary bad data: parsing, <c>First</c>/<c>Single</c>/<c>Last</c>/<c>ElementAt</c>, dictionary indexers,
/// <c>Nullable.Value</c>, casts that are not type-tested.
/// </summary>
[Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExceptionEscapeAnalyzer : HandlerAnalyzer
{
    private static readonly string[] ThrowingLinq = { "First", "Last", "Single", "ElementAt" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(HandlerDiagnostics.ExceptionEscapes);

    private protected override HandlerCheck CreateCheck(TelemetrySymbols symbols, AnalyzerOptions options, CancellationToken cancellationToken) =>
        (handler, compilation, report, token) => AnalyzeHandler(handler, symbols, compilation, report, token);

    private static void AnalyzeHandler(HandlerBody handler, TelemetrySymbols symbols, Compilation compilation, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(HandlerDiagnosticProperties.HandlerReference, handler.Method is { IsStatic: false } ? "this" : handler.HandlerIdExpression ?? "\"" + handler.Name + "\"")
            .Add(HandlerDiagnosticProperties.EventNameExpression, EventNameExpression(handler));

        var checkedContexts = new HashSet<SyntaxNode>();
        foreach (var operation in HandlerBodies.OwnOperations(handler.Body))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (risk, exceptionType) = Risk(operation, symbols);
            var at = operation.Syntax;
            if (risk is null && CheckedContext(operation) is { } context)
            {
                // One diagnostic per checked expression or block, however many operations it holds.
                (risk, exceptionType, at) = checkedContexts.Add(context)
                    ? ("checked arithmetic throws OverflowException when it overflows (remove 'checked' or clamp the value)", symbols.OverflowException, context)
                    : (null, null, at);
            }

            if (risk is null && operation is IInvocationOperation call && IsSameClassHelper(call.TargetMethod, handler))
            {
                var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
                if (handler.Method is not null)
                {
                    visited.Add(handler.Method.OriginalDefinition);
                }

                (risk, exceptionType) = HelperThrow(call.TargetMethod, handler, symbols, compilation, visited, 1, cancellationToken);
            }

            if (risk is null || IsCaught(operation, handler.Body, exceptionType, symbols))
            {
                continue;
            }

            report(Diagnostic.Create(HandlerDiagnostics.ExceptionEscapes, at.GetLocation(), properties, handler.Name, risk));
        }
    }

    private const int MaxDepth = 3;

    /// <summary>A method of the handler's own type, with source: a helper whose throws escape through the handler.</summary>
    private static bool IsSameClassHelper(IMethodSymbol method, HandlerBody handler) =>
        handler.ContainingType is not null &&
        SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, handler.ContainingType.OriginalDefinition) &&
        method.DeclaringSyntaxReferences.Length > 0 && !method.IsAbstract &&
        !SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, handler.Method?.OriginalDefinition);

    /// <summary>
    /// A throw in a helper (or a helper's helper, three levels, cycle-safe) that the helper does not catch: the chain
    /// and the thrown type. Argument checks (ArgumentException and its kind) are not followed: they state the
    /// caller's contract, and flagging every guard clause would cry wolf.
    /// </summary>
    private static (string? Risk, ITypeSymbol? ExceptionType) HelperThrow(IMethodSymbol helper, HandlerBody handler, TelemetrySymbols symbols, Compilation compilation, HashSet<IMethodSymbol> visited, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth || !visited.Add(helper.OriginalDefinition) || HandlerBodies.BodyOf(helper, compilation, cancellationToken) is not { } body)
        {
            return (null, null);
        }

        var argumentException = symbols.ArgumentException;
        foreach (var operation in HandlerBodies.OwnOperations(body))
        {
            if (operation is IThrowOperation { Exception: not null } thrown)
            {
                var type = thrown.Exception is IConversionOperation conversion ? conversion.Operand.Type : thrown.Exception.Type;
                if (type is not null && argumentException is not null && DerivesFrom(type, argumentException))
                {
                    continue;
                }

                if (!IsCaught(operation, body, type, symbols))
                {
                    return ($"{helper.Name} throws: '{Shorten(thrown.Syntax.ToString())}' is not caught", type);
                }
            }
            else if (operation is IInvocationOperation call && IsSameClassHelper(call.TargetMethod, handler) && !IsCaught(operation, body, null, symbols))
            {
                var (risk, type) = HelperThrow(call.TargetMethod, handler, symbols, compilation, visited, depth + 1, cancellationToken);
                if (risk is not null && !IsCaught(operation, body, type, symbols))
                {
                    return ($"{helper.Name} -> {risk}", type);
                }
            }
        }

        return (null, null);
    }

    /// <summary>The <c>checked(...)</c> expression or <c>checked { }</c> block an overflow-checked operation is written in, or null.</summary>
    private static SyntaxNode? CheckedContext(IOperation operation)
    {
        var isChecked = operation switch
        {
            IBinaryOperation binary => binary.IsChecked,
            ICompoundAssignmentOperation compound => compound.IsChecked,
            IIncrementOrDecrementOperation increment => increment.IsChecked,
            IConversionOperation { IsImplicit: false } conversion => conversion.IsChecked,
            _ => false,
        };

        // Only code that says 'checked': a project built with CheckForOverflowUnderflow checks all of its arithmetic,
        // and reporting every '+' would bury the rule.
        return isChecked
            ? operation.Syntax.AncestorsAndSelf().FirstOrDefault(n => n.IsKind(SyntaxKind.CheckedExpression) || n.IsKind(SyntaxKind.CheckedStatement) || n.IsKind(SyntaxKind.UncheckedExpression) || n.IsKind(SyntaxKind.UncheckedStatement)) is { } context &&
              (context.IsKind(SyntaxKind.CheckedExpression) || context.IsKind(SyntaxKind.CheckedStatement))
                ? context
                : null
            : null;
    }

    private static string EventNameExpression(HandlerBody handler)
    {
        var parameter = handler.Method?.Parameters.FirstOrDefault()?.Name ??
                        (handler.Body.Parent as IAnonymousFunctionOperation)?.Symbol.Parameters.FirstOrDefault()?.Name;
        return handler.PayloadType switch
        {
            ITypeParameterSymbol when parameter is not null => parameter + ".EventName",
            INamedTypeSymbol payload when payload.GetMembers("Name").Any() => payload.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ".Name",
            _ => "\"unknown\"",
        };
    }

    /// <summary>What can throw here, and the exception type it throws.</summary>
    private static (string? Risk, ITypeSymbol? ExceptionType) Risk(IOperation operation, TelemetrySymbols symbols)
    {
        switch (operation)
        {
            case IThrowOperation thrown:
                var type = thrown.Exception is IConversionOperation conversion ? conversion.Operand.Type : thrown.Exception?.Type;
                return (thrown.Exception is null ? "'throw;' rethrows out of the handler" : $"'{Shorten(thrown.Syntax.ToString())}' is not caught", type);

            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                var container = method.ContainingType;
                if (method.IsStatic && method.Name is "Parse" or "ParseExact" && container is not null && IsInSystemNamespace(container))
                {
                    return ($"{container.Name}.{method.Name} throws FormatException on input it cannot parse (use TryParse)", symbols.FormatException);
                }

                if (TelemetrySymbols.Is(container, symbols.Convert) && method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_String))
                {
                    return ($"Convert.{method.Name} throws FormatException on input it cannot convert", symbols.FormatException);
                }

                if (method.Name == "Deserialize" && TelemetrySymbols.Is(container, symbols.JsonSerializer))
                {
                    return ("JsonSerializer.Deserialize throws JsonException on text that is not the JSON it expects (catch JsonException)", symbols.JsonException);
                }

                if (TelemetrySymbols.Is(container, symbols.Enumerable) && Array.IndexOf(ThrowingLinq, method.Name) >= 0)
                {
                    return ($"Enumerable.{method.Name} throws on an empty sequence (use {method.Name}OrDefault)", symbols.InvalidOperationException);
                }

                return (null, null);

            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when IsDictionary(indexer.Property.ContainingType, symbols) && !IsWritten(indexer):
                return ("the dictionary indexer throws KeyNotFoundException for a missing key (use TryGetValue)", symbols.KeyNotFoundException);

            case IPropertyReferenceOperation { Property.Name: "Value" } value when value.Property.ContainingType?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T:
                return ("Nullable.Value throws InvalidOperationException when there is no value (use GetValueOrDefault or a pattern)", symbols.InvalidOperationException);

            case IConversionOperation { IsImplicit: false, IsTryCast: false } cast when (cast.Conversion.IsReference && !cast.Conversion.IsImplicit) || (cast.Operand.Type?.IsReferenceType == true && cast.Type?.IsValueType == true):
                return ($"the cast to '{cast.Type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' throws InvalidCastException (use 'is' or 'as')", symbols.InvalidCastException);

            default:
                return (null, null);
        }
    }

    private static bool IsDictionary(INamedTypeSymbol? type, TelemetrySymbols symbols) =>
        type is not null && (IsDictionaryInterface(type, symbols) || type.AllInterfaces.Any(i => IsDictionaryInterface(i, symbols)));

    private static bool IsDictionaryInterface(INamedTypeSymbol type, TelemetrySymbols symbols) =>
        TelemetrySymbols.IsAny(type, symbols.IDictionary, symbols.IReadOnlyDictionary);

    /// <summary>Whether the type is declared in <c>System</c> or a namespace below it (the framework's parsers).</summary>
    private static bool IsInSystemNamespace(INamedTypeSymbol type)
    {
        var outermost = type.ContainingNamespace;
        if (outermost is null || outermost.IsGlobalNamespace)
        {
            return false;
        }

        while (outermost.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            outermost = parent;
        }

        return outermost.Name == "System";
    }

    private static bool IsWritten(IOperation operation) =>
        operation.Parent is IAssignmentOperation assignment && assignment.Target == operation;

    /// <summary>Whether a try around the operation, inside the handler, has a catch clause for the exception.</summary>
    private static bool IsCaught(IOperation operation, IOperation body, ITypeSymbol? exceptionType, TelemetrySymbols symbols)
    {
        var exception = symbols.Exception;
        for (IOperation? child = operation, parent = operation.Parent; parent is not null && child != body; child = parent, parent = parent.Parent)
        {
            if (parent is ITryOperation tryOperation && tryOperation.Body == child)
            {
                foreach (var clause in tryOperation.Catches)
                {
                    if (clause.Filter is not null)
                    {
                        continue;
                    }

                    var caught = clause.ExceptionType;
                    if (caught.SpecialType == SpecialType.System_Object ||
                        SymbolEqualityComparer.Default.Equals(caught, exception) ||
                        (exceptionType is not null && DerivesFrom(exceptionType, caught)))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool DerivesFrom(ITypeSymbol type, ITypeSymbol candidateBase)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, candidateBase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Shorten(string text)
    {
        text = text.Replace("\r", "").Replace("\n", " ");
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
