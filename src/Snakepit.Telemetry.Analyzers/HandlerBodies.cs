using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// Finds handlers, the methods the runtime calls for an event: [OnEvent] methods, implementations of generated handler
/// interfaces and of ITelemetryHandler.Handle, and lambdas or method groups passed to TelemetryHub.Attach and
/// TelemetryHandlerBuilder.On/OnEvents. Rules derive from <see cref="HandlerAnalyzer"/> and analyze each body once.
/// </summary>
internal static class HandlerBodies
{
    /// <summary>Whether the method is called by the runtime for events.</summary>
    public static bool IsHandlerMethod(IMethodSymbol method, TelemetrySymbols symbols)
    {
        if (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ExplicitInterfaceImplementation)
        {
            return false;
        }

        if (HandlerRules.OnEventNames(method, symbols).Length > 0)
        {
            return true;
        }

        var type = method.ContainingType;
        if (type is null || method.Parameters.Length != 1)
        {
            return false;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            var isHandlerInterface = HandlerRules.HandledPayload(candidate, symbols) is not null || TelemetrySymbols.Is(candidate, symbols.TelemetryHandler);
            if (!isHandlerInterface)
            {
                continue;
            }

            foreach (var member in candidate.GetMembers("Handle").OfType<IMethodSymbol>())
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the invocation attaches a handler (any TelemetryHub.Attach overload, or a builder binding).</summary>
    public static bool IsAttach(IMethodSymbol method, TelemetrySymbols symbols) =>
        (method.Name == "Attach" && TelemetrySymbols.Is(method.ContainingType, symbols.Hub)) ||
        (method.Name is "On" or "OnEvents" && TelemetrySymbols.Is(method.ContainingType, symbols.Builder));

    /// <summary>
    /// Whether a builder binding (<c>On</c>, <c>OnEvents</c>) belongs to a builder set to background dispatch. The
    /// dispatch mode belongs to the builder that reaches Attach, wherever it is set: before or after the binding in the
    /// same fluent chain, or on a local the chain starts from or is stored in (its initializer, or calls of its own in
    /// the same body). When several <c>WithDispatch</c> calls apply, the last one (in source order) decides.
    /// </summary>
    public static bool IsBoundInBackground(IInvocationOperation binding, TelemetrySymbols symbols)
    {
        if (!TelemetrySymbols.Is(binding.TargetMethod.ContainingType, symbols.Builder))
        {
            return false;
        }

        var chain = Chain(binding, symbols);
        var dispatches = chain.Where(c => IsDispatch(c, symbols)).ToList();
        var locals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        if (ChainStart(chain[0]) is ILocalReferenceOperation { Local: var start })
        {
            locals.Add(start);
        }

        if (StoredIn(chain[chain.Count - 1]) is { } stored)
        {
            locals.Add(stored);
        }

        if (locals.Count > 0)
        {
            var root = (IOperation)binding;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            foreach (var call in root.DescendantsAndSelf().OfType<IInvocationOperation>())
            {
                if (!IsDispatch(call, symbols) || dispatches.Contains(call))
                {
                    continue;
                }

                var other = Chain(call, symbols);
                if ((ChainStart(other[0]) is ILocalReferenceOperation { Local: var from } && locals.Contains(from)) ||
                    (StoredIn(other[other.Count - 1]) is { } into && locals.Contains(into)))
                {
                    dispatches.Add(call);
                }
            }
        }

        var last = dispatches.OrderBy(c => c.Syntax.Span.End).LastOrDefault();
        return last is not null &&
               last.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value.ConstantValue is { HasValue: true, Value: int mode } &&
               mode != 0;
    }

    /// <summary>The builder calls of the fluent chain <paramref name="call"/> is part of, innermost (first run) first.</summary>
    private static List<IInvocationOperation> Chain(IInvocationOperation call, TelemetrySymbols symbols)
    {
        var chain = new List<IInvocationOperation>();
        var inner = call;
        while (inner.Instance is IInvocationOperation receiver && TelemetrySymbols.Is(receiver.TargetMethod.ContainingType, symbols.Builder))
        {
            inner = receiver;
        }

        for (IOperation current = inner; current is IInvocationOperation invocation && TelemetrySymbols.Is(invocation.TargetMethod.ContainingType, symbols.Builder); current = current.Parent!)
        {
            chain.Add(invocation);
            if (current.Parent is not IInvocationOperation outer || outer.Instance != current)
            {
                break;
            }
        }

        return chain;
    }

    private static bool IsDispatch(IInvocationOperation call, TelemetrySymbols symbols) =>
        call.TargetMethod.Name == "WithDispatch" && TelemetrySymbols.Is(call.TargetMethod.ContainingType, symbols.Builder);

    /// <summary>The receiver the chain starts from (a local, a creation...).</summary>
    private static IOperation? ChainStart(IInvocationOperation innermost) => innermost.Instance;

    /// <summary>The local the chain's result is stored in: <c>var b = ...;</c> or <c>b = ...;</c>.</summary>
    private static ILocalSymbol? StoredIn(IOperation outermost)
    {
        var parent = outermost.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            _ => null,
        };
    }

    /// <summary>The handler bodies passed as delegates to an attach call in <paramref name="invocation"/>.</summary>
    public static IEnumerable<(IOperation Body, string Name, IMethodSymbol? Target)> DelegateHandlers(IInvocationOperation invocation, TelemetrySymbols symbols)
    {
        if (!IsAttach(invocation.TargetMethod, symbols))
        {
            yield break;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value is IDelegateCreationOperation creation)
            {
                switch (creation.Target)
                {
                    case IAnonymousFunctionOperation lambda:
                        yield return (lambda.Body, "lambda", null);
                        break;
                    case IMethodReferenceOperation reference:
                        yield return (creation, reference.Method.Name, reference.Method);
                        break;
                }
            }
        }
    }

    /// <summary>
    /// An expression naming the handler's id inside its body (for the SNK002 fix's catch block), or null. In a lambda
    /// of the attach call, the id argument as written when the lambda can see it: a constant, or (when the lambda is
    /// not static) locals, parameters, fields and properties it can capture, never a call evaluated again. Elsewhere
    /// (a method group, whose body is in another scope), only a constant, as a literal.
    /// </summary>
    public static string? IdExpression(IOperation? id, IAnonymousFunctionOperation? lambda)
    {
        if (id is null)
        {
            return null;
        }

        if (lambda is not null &&
            (id.ConstantValue.HasValue || (!IsStatic(lambda) && id.DescendantsAndSelf().All(IsCapturable))))
        {
            return id.Syntax.ToString();
        }

        return id.ConstantValue is { HasValue: true, Value: string value }
            ? Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true)
            : null;
    }

    private static bool IsStatic(IAnonymousFunctionOperation lambda) =>
        lambda.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax syntax &&
        syntax.Modifiers.Any(m => m.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StaticKeyword));

    /// <summary>Whether a lambda can read this part of an expression again: no call, no ref, nothing of a ref struct or of a struct's this.</summary>
    private static bool IsCapturable(IOperation operation) => operation switch
    {
        ILiteralOperation or IConversionOperation or IBinaryOperation or INameOfOperation or IInterpolatedStringOperation or
            IInterpolatedStringTextOperation or IInterpolationOperation => true,
        ILocalReferenceOperation { Local: { RefKind: RefKind.None, Type.IsRefLikeType: false } } => true,
        IParameterReferenceOperation { Parameter: { RefKind: RefKind.None, Type.IsRefLikeType: false } } => true,
        IFieldReferenceOperation { Field.Type.IsRefLikeType: false } or IPropertyReferenceOperation { Arguments.Length: 0, Property.Type.IsRefLikeType: false } => true,
        IInstanceReferenceOperation instance => instance.Type?.IsReferenceType == true,
        _ => false,
    };

    /// <summary>The operation of a source method's body, or null (metadata, abstract, partial without body).</summary>
    public static IOperation? BodyOf(IMethodSymbol method, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                continue;
            }

#pragma warning disable RS1030 // Following calls into other files of the same compilation needs their semantic model (SNK001, SNK009).
            var model = compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            var body = syntax switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody?.Expression,
                Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax f => (SyntaxNode?)f.Body ?? f.ExpressionBody?.Expression,
                Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax a => (SyntaxNode?)a.Body ?? a.ExpressionBody?.Expression,
                Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax arrow => arrow.Expression,
                _ => null,
            };
            if (body is not null)
            {
                return model.GetOperation(body, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>The operations of a body, not descending into lambdas or local functions (they run later, if ever).</summary>
    public static IEnumerable<IOperation> OwnOperations(IOperation root)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            foreach (var child in current.ChildOperations.Reverse())
            {
                if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                stack.Push(child);
            }
        }
    }
}
