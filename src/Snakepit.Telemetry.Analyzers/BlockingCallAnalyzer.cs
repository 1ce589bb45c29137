using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// SNK001: a blocking call in a handler (sleeps, waits, <c>.Result</c>, synchronous file, stream, socket, HTTP and
/// process I/O, console reads), directly or through methods of the same compilation (four levels, cycle-safe). The
/// message shows the chain: <c>OnStop -&gt; Flush -&gt; File.WriteAllText</c>. <c>.Result</c> on a task proven
/// complete (awaited, checked with IsCompleted, or passed to WhenAll before) is fine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingCallAnalyzer : HandlerAnalyzer
{
    private const int MaxDepth = 4;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(HandlerDiagnostics.BlockingCall);

    private protected override HandlerCheck CreateCheck(TelemetrySymbols symbols, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var calls = BlockingCalls.Create(symbols, options, cancellationToken);
        return (handler, compilation, report, token) => AnalyzeHandler(handler, calls, compilation, report, token);
    }

    private static void AnalyzeHandler(HandlerBody handler, BlockingCalls calls, Compilation compilation, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        // Blocking is what background handlers are for.
        if (handler.RunsInBackground)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(HandlerDiagnosticProperties.CanRunInBackground, handler.InAnnotatedClass ? "true" : "false");
        var name = handler.Name == "lambda" ? "lambda" : handler.Name;
        foreach (var operation in HandlerBodies.OwnOperations(handler.Body))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsBlocking(operation, handler.Body, calls, out var display))
            {
                report(Diagnostic.Create(HandlerDiagnostics.BlockingCall, operation.Syntax.GetLocation(), properties, name, name + " -> " + display));
                continue;
            }

            if (Callee(operation) is { } callee && IsFollowable(callee, handler.Method))
            {
                var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
                if (handler.Method is not null)
                {
                    visited.Add(handler.Method.OriginalDefinition);
                }

                var chain = FindChain(callee, calls, compilation, visited, 1, cancellationToken);
                if (chain is not null)
                {
                    report(Diagnostic.Create(HandlerDiagnostics.BlockingCall, operation.Syntax.GetLocation(), properties, name, name + " -> " + chain));
                }
            }
        }
    }

    private static bool IsFollowable(IMethodSymbol method, IMethodSymbol? handler) =>
        method.DeclaringSyntaxReferences.Length > 0 && !method.IsAbstract &&
        !SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, handler?.OriginalDefinition);

    private static string? FindChain(IMethodSymbol method, BlockingCalls calls, Compilation compilation, HashSet<IMethodSymbol> visited, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth || !visited.Add(method.OriginalDefinition))
        {
            return null;
        }

        var body = HandlerBodies.BodyOf(method, compilation, cancellationToken);
        if (body is null)
        {
            return null;
        }

        foreach (var operation in HandlerBodies.OwnOperations(body))
        {
            if (IsBlocking(operation, body, calls, out var display))
            {
                return Display(method) + " -> " + display;
            }
        }

        foreach (var operation in HandlerBodies.OwnOperations(body))
        {
            if (Callee(operation) is { } callee && IsFollowable(callee, null))
            {
                var chain = FindChain(callee, calls, compilation, visited, depth + 1, cancellationToken);
                if (chain is not null)
                {
                    return Display(method) + " -> " + chain;
                }
            }
        }

        return null;
    }

    /// <summary>The source code an operation runs: a method called, a property getter read, a constructor.</summary>
    private static IMethodSymbol? Callee(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => invocation.TargetMethod,
        IPropertyReferenceOperation property when !(property.Parent is IAssignmentOperation assignment && assignment.Target == property) => property.Property.GetMethod,
        IObjectCreationOperation creation => creation.Constructor,
        _ => null,
    };

    /// <summary>How a followed member shows in the chain: a method's name, a property's, <c>new Type</c>.</summary>
    private static string Display(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.PropertyGet => method.AssociatedSymbol?.Name ?? method.Name,
        MethodKind.Constructor => "new " + method.ContainingType.Name,
        _ => method.Name,
    };

    private static bool IsBlocking(IOperation operation, IOperation body, BlockingCalls calls, out string display)
    {
        display = "";
        switch (operation)
        {
            case IInvocationOperation { TargetMethod.Name: "Add" } add when IsBoundedBlockingCollection(add, calls.Symbols):
                display = "BlockingCollection.Add (bounded: it waits while the collection is full)";
                return true;

            case IInvocationOperation invocation:
                if (!calls.Blocks(invocation.TargetMethod, invocation.Instance?.Type, out display))
                {
                    return false;
                }

                // task.GetAwaiter().GetResult() on a completed task does not block.
                if (invocation.TargetMethod.Name == "GetResult" &&
                    invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } getAwaiter &&
                    IsProvenComplete(getAwaiter.Instance, operation, body, calls.Symbols))
                {
                    return false;
                }

                return true;

            case IPropertyReferenceOperation property when property.Property.Name == "Result":
                return calls.Blocks(property.Property, property.Instance?.Type, out display) &&
                       !IsProvenComplete(property.Instance, operation, body, calls.Symbols);

            default:
                return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="add"/> adds to a <c>BlockingCollection&lt;T&gt;</c> that its type creates with a
    /// bounded capacity (a constructor taking <c>boundedCapacity</c>): such an Add waits while the collection is full.
    /// </summary>
    private static bool IsBoundedBlockingCollection(IInvocationOperation add, TelemetrySymbols symbols)
    {
        if (!TelemetrySymbols.Is(add.TargetMethod.ContainingType, symbols.BlockingCollection) ||
            add.SemanticModel is not { } model)
        {
            return false;
        }

        ISymbol? storage = add.Instance switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
            _ => null,
        };
        if (storage is null)
        {
            return false;
        }

        foreach (var reference in storage.ContainingType.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != model.SyntaxTree)
            {
                continue;
            }

            foreach (var creation in reference.GetSyntax().DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>())
            {
                if (model.GetOperation(creation) is IObjectCreationOperation { Constructor: { } constructor } &&
                    TelemetrySymbols.Is(constructor.ContainingType, symbols.BlockingCollection) &&
                    constructor.Parameters.Any(p => p.Name == "boundedCapacity") &&
                    AssignedTo(creation) == storage.Name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The name of the field or property a creation is stored in (initializer or assignment).</summary>
    private static string? AssignedTo(SyntaxNode creation) => creation.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Identifier.ValueText,
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } => name.Identifier.ValueText,
        AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax access } => access.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// Whether the task was awaited (directly or through ConfigureAwait, in any form, or a ConfiguredTaskAwaitable
    /// local made from it), checked with IsCompleted, or passed to WhenAll before <paramref name="use"/>.
    /// </summary>
    private static bool IsProvenComplete(IOperation? task, IOperation use, IOperation body, TelemetrySymbols symbols)
    {
        var symbol = ReferencedSymbol(Unconfigured(task, body, symbols));
        if (symbol is null)
        {
            return false;
        }

        var position = use.Syntax.SpanStart;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation.Syntax.SpanStart >= position)
            {
                continue;
            }

            switch (operation)
            {
                case IAwaitOperation awaited when SymbolEqualityComparer.Default.Equals(ReferencedSymbol(Unconfigured(awaited.Operation, body, symbols)), symbol):
                    return true;
                case IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" } check
                    when SymbolEqualityComparer.Default.Equals(ReferencedSymbol(check.Instance), symbol):
                    return true;
                case IInvocationOperation { TargetMethod.Name: "WhenAll" } whenAll
                    when whenAll.Arguments.SelectMany(a => a.Value.DescendantsAndSelf()).Any(v => SymbolEqualityComparer.Default.Equals(ReferencedSymbol(v), symbol)):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The task behind <c>task.ConfigureAwait(...)</c>, or behind a local initialized with it (a
    /// <c>ConfiguredTaskAwaitable</c> awaited later); the operation itself otherwise.
    /// </summary>
    private static IOperation? Unconfigured(IOperation? operation, IOperation body, TelemetrySymbols symbols)
    {
        for (var hops = 0; hops < 4; hops++)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured }:
                    operation = configured;
                    continue;
                case ILocalReferenceOperation { Local: var local } when IsAwaitable(local.Type, symbols):
                    var initializer = body.DescendantsAndSelf().OfType<IVariableDeclaratorOperation>()
                        .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local))?.Initializer?.Value;
                    if (initializer is null)
                    {
                        return operation;
                    }

                    operation = initializer;
                    continue;
            }

            break;
        }

        return operation;
    }

    /// <summary>Whether a local holds a configured awaitable rather than the task itself.</summary>
    private static bool IsAwaitable(ITypeSymbol? type, TelemetrySymbols symbols) =>
        TelemetrySymbols.IsAny(
            type,
            symbols.ConfiguredTaskAwaitable,
            symbols.ConfiguredTaskAwaitableOfT,
            symbols.ConfiguredValueTaskAwaitable,
            symbols.ConfiguredValueTaskAwaitableOfT);

    private static ISymbol? ReferencedSymbol(IOperation? operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property when property.Property.Name != "Result" => property.Property,
        IConversionOperation conversion => ReferencedSymbol(conversion.Operand),
        _ => null,
    };
}
