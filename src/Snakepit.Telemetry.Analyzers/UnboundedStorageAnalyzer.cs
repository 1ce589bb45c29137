using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// SNK004: a handler that adds to a field or static collection (List, Dictionary, HashSet, Queue, concurrent
/// collections, StringBuilder...) that nothing in its type ever removes, trims or caps. Dictionary and set keys taken
/// from low-cardinality event fields (a pool name, an enum) are bounded and fine; keys from fields declared
/// <c>cardinality: high</c> are not.
/// </summary>
[Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnboundedStorageAnalyzer : HandlerAnalyzer
{
    private static readonly string[] Growing =
    {
        "Add", "AddRange", "Enqueue", "Push", "PushRange", "TryAdd", "AddOrUpdate", "GetOrAdd", "Append", "AppendLine", "AppendFormat",
        "Insert", "InsertRange", "AddFirst", "AddLast",
    };

    private static readonly string[] Keyed = { "Add", "TryAdd", "AddOrUpdate", "GetOrAdd" };

    private static readonly string[] Shrinking =
    {
        "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere", "RemoveFirst", "RemoveLast", "Clear", "Dequeue", "TryDequeue",
        "TryRemove", "Pop", "TryPop", "TryTake", "TrimExcess", "Take",
    };


    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(HandlerDiagnostics.UnboundedStorage, HandlerDiagnostics.UnboundedChannel);

    private protected override HandlerCheck CreateCheck(TelemetrySymbols symbols, AnalyzerOptions options, CancellationToken cancellationToken) =>
        (handler, compilation, report, token) => AnalyzeHandler(handler, symbols, report, token);

    private static void AnalyzeHandler(HandlerBody handler, TelemetrySymbols symbols, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        foreach (var operation in HandlerBodies.OwnOperations(handler.Body))
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "TryWrite" or "WriteAsync" } write &&
                TelemetrySymbols.Is(write.TargetMethod.ContainingType, symbols.ChannelWriter) &&
                ChannelOf(write.Instance) is { } channel &&
                IsCreatedUnbounded(channel, cancellationToken))
            {
                report(Diagnostic.Create(HandlerDiagnostics.UnboundedChannel, operation.Syntax.GetLocation(), handler.Name, channel.Name));
                continue;
            }

            ISymbol? storage;
            IOperation? key;
            switch (operation)
            {
                case IInvocationOperation invocation when Array.IndexOf(Growing, invocation.TargetMethod.Name) >= 0:
                    storage = StorageOf(invocation.Instance, handler.Body, symbols);
                    key = (Array.IndexOf(Keyed, invocation.TargetMethod.Name) >= 0 && IsKeyedCollection(invocation.Instance?.Type, symbols)) || IsSet(invocation.Instance?.Type, symbols)
                        ? invocation.Arguments.FirstOrDefault()?.Value
                        : null;
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer } when IsKeyedCollection(indexer.Instance?.Type, symbols):
                    storage = StorageOf(indexer.Instance, handler.Body, symbols);
                    key = indexer.Arguments.FirstOrDefault()?.Value;
                    break;
                default:
                    continue;
            }

            if (storage is null || IsBounded(storage, cancellationToken))
            {
                continue;
            }

            string what;
            var field = KeyField(key, symbols);
            if (field is not null)
            {
                if (!field.Value.High)
                {
                    continue;
                }

                what = $"adds keys from the high-cardinality field '{field.Value.Name}' to '{storage.Name}'";
            }
            else
            {
                what = $"adds to '{storage.Name}'";
            }

            report(Diagnostic.Create(HandlerDiagnostics.UnboundedStorage, operation.Syntax.GetLocation(), handler.Name, what, storage.ContainingType.Name));
        }
    }

    /// <summary>The field or property holding the channel written to: <c>_channel.Writer</c>, or a writer field itself.</summary>
    private static ISymbol? ChannelOf(IOperation? instance) => instance switch
    {
        IPropertyReferenceOperation { Property.Name: "Writer", Instance: IFieldReferenceOperation field } => field.Field,
        IPropertyReferenceOperation { Property.Name: "Writer", Instance: IPropertyReferenceOperation property } => property.Property,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
        _ => null,
    };

    /// <summary>Whether the type declaring the channel (or writer) assigns it from <c>Channel.CreateUnbounded</c>.</summary>
    private static bool IsCreatedUnbounded(ISymbol channel, CancellationToken cancellationToken)
    {
        foreach (var reference in channel.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                var value = node switch
                {
                    VariableDeclaratorSyntax declarator when declarator.Identifier.ValueText == channel.Name => declarator.Initializer?.Value,
                    PropertyDeclarationSyntax property when property.Identifier.ValueText == channel.Name => property.Initializer?.Value,
                    AssignmentExpressionSyntax assignment when Names(assignment.Left, channel.Name) => assignment.Right,
                    _ => null,
                };
                if (value is not null && value.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(IsCreateUnbounded))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsCreateUnbounded(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "CreateUnbounded" } or IdentifierNameSyntax { Identifier.ValueText: "CreateUnbounded" } } => true,
        _ => false,
    };

    /// <summary>
    /// The field or auto-property (of any type, static or not) holding the collection, or a local that the handler (a
    /// lambda) captures: declared outside its body, it lives as long as the handler does, exactly as a field.
    /// </summary>
    private static ISymbol? StorageOf(IOperation? instance, IOperation handlerBody, TelemetrySymbols symbols)
    {
        var symbol = instance switch
        {
            IFieldReferenceOperation field => (ISymbol)field.Field,
            IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
            ILocalReferenceOperation { Local: var local } when IsCaptured(local, handlerBody) => local,
            _ => null,
        };
        var type = symbol switch
        {
            IFieldSymbol f => f.Type,
            IPropertySymbol p => p.Type,
            ILocalSymbol l => l.Type,
            _ => null,
        };
        return TelemetrySymbols.IsAny(type, symbols.GrowableCollections) ? symbol : null;
    }

    private static bool IsCaptured(ILocalSymbol local, IOperation handlerBody) =>
        local.DeclaringSyntaxReferences.Length > 0 &&
        local.DeclaringSyntaxReferences.All(r => r.SyntaxTree == handlerBody.Syntax.SyntaxTree && !handlerBody.Syntax.Span.Contains(r.Span));

    private static bool IsKeyedCollection(ITypeSymbol? type, TelemetrySymbols symbols) =>
        TelemetrySymbols.IsAny(type, symbols.Dictionary, symbols.ConcurrentDictionary, symbols.SortedDictionary, symbols.SortedList);

    private static bool IsSet(ITypeSymbol? type, TelemetrySymbols symbols) =>
        TelemetrySymbols.IsAny(type, symbols.HashSet, symbols.SortedSet);

    private static (string Name, bool High)? KeyField(IOperation? key, TelemetrySymbols symbols)
    {
        while (key is IConversionOperation conversion)
        {
            key = conversion.Operand;
        }

        // Event names are bounded by the catalogs.
        if (key is IPropertyReferenceOperation { Property.Name: "EventName" } eventName &&
            (TelemetrySymbols.Is(eventName.Property.ContainingType, symbols.TelemetryEvent) ||
             eventName.Property.ExplicitInterfaceImplementations.Any(i => TelemetrySymbols.Is(i.ContainingType, symbols.TelemetryEvent))))
        {
            return ("EventName", false);
        }

        if (key is IPropertyReferenceOperation { Instance: { } instance } property && HandlerRules.IsEventPayload(instance.Type, symbols, out _))
        {
            var high = TelemetrySymbols.Attribute(property.Property, symbols.HighCardinalityAttribute) is not null;
            return (property.Property.Name, high);
        }

        return null;
    }

    /// <summary>
    /// Whether the type that declares the storage ever shrinks, replaces or caps it: a removing call, an assignment
    /// outside its declaration, a <c>ref</c> use (Interlocked.Exchange), or a comparison of its Count or Length; for a
    /// captured local, also a detach in the method that declares it.
    /// </summary>
    private static bool IsBounded(ISymbol storage, CancellationToken cancellationToken)
    {
        var name = storage.Name;
        foreach (var declaration in Scope(storage, cancellationToken))
        {
            foreach (var node in declaration.DescendantNodes())
            {
                switch (node)
                {
                    case MemberAccessExpressionSyntax access when Names(access.Expression, name):
                        var member = access.Name.Identifier.ValueText;
                        if (Array.IndexOf(Shrinking, member) >= 0)
                        {
                            return true;
                        }

                        // A cap compares the size with a limit; "Count == 0" or "Count > 0" only asks whether it is empty.
                        if (member is "Count" or "Length" &&
                            ((access.Parent is BinaryExpressionSyntax comparison && !IsZero(comparison.Left == access ? comparison.Right : comparison.Left)) ||
                             (access.Parent is AssignmentExpressionSyntax lengthReset && lengthReset.Left == access)))
                        {
                            return true;
                        }

                        break;
                    case AssignmentExpressionSyntax assignment when Names(assignment.Left, name):
                        return true;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Detach" or "DetachAsync" or "DetachAll" } }
                        when storage is ILocalSymbol:
                        // The method that declares a captured local also detaches a handler (a test's probe, a scoped
                        // subscription): the handler, and with it the storage, lives no longer than that method says.
                        return true;
                    case ArgumentSyntax argument when argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) && Names(argument.Expression, name):
                        return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Where the storage can be shrunk: the declarations of a field's or property's type; the member (or the top-level
    /// statements) declaring a local.
    /// </summary>
    private static System.Collections.Generic.IEnumerable<SyntaxNode> Scope(ISymbol storage, CancellationToken cancellationToken)
    {
        if (storage is ILocalSymbol)
        {
            foreach (var reference in storage.DeclaringSyntaxReferences)
            {
                var declarator = reference.GetSyntax(cancellationToken);
                yield return declarator.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax and not GlobalStatementSyntax || a is CompilationUnitSyntax) ?? declarator.SyntaxTree.GetRoot(cancellationToken);
            }

            yield break;
        }

        foreach (var reference in storage.ContainingType.DeclaringSyntaxReferences)
        {
            yield return reference.GetSyntax(cancellationToken);
        }
    }

    private static bool IsZero(ExpressionSyntax expression) =>
        expression is LiteralExpressionSyntax { Token.Value: 0 or 0L or 0u or 0ul };

    private static bool Names(ExpressionSyntax expression, string name) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax } access => access.Name.Identifier.ValueText == name,
        _ => false,
    };
}
