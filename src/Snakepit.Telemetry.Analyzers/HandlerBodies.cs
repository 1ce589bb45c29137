using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Snakepit.Telemetry.Generators.Wiring;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>A handler body: what the runtime calls for an event.</summary>
internal sealed class HandlerBody
{
    public HandlerBody(IOperation body, string name, IMethodSymbol? method, INamedTypeSymbol? containingType, ITypeSymbol? payloadType, string? handlerIdExpression)
    {
        Body = body;
        Name = name;
        Method = method;
        ContainingType = containingType;
        PayloadType = payloadType;
        HandlerIdExpression = handlerIdExpression;
    }

    /// <summary>The body's operation (a method body, or a lambda's).</summary>
    public IOperation Body { get; }

    /// <summary>The method name, or "lambda" for an anonymous function.</summary>
    public string Name { get; }

    /// <summary>The handler method; null for a lambda.</summary>
    public IMethodSymbol? Method { get; }

    public INamedTypeSymbol? ContainingType { get; }

    /// <summary>The payload type (or TEvent) the handler takes.</summary>
    public ITypeSymbol? PayloadType { get; }

    /// <summary>For a lambda attached by id, the id argument's source text.</summary>
    public string? HandlerIdExpression { get; }

    /// <summary>Whether the handler's [TelemetryHandler] runs it in the background (off the emitting thread).</summary>
    public bool RunsInBackground => Method is not null && ContainingType?.GetAttributes()
        .Where(a => a.AttributeClass?.ToDisplayString() == HandlerRules.TelemetryHandlerAttribute)
        .Any(a => a.NamedArguments.Any(n => n.Key == "Dispatch" && n.Value.Value is int mode && mode != 0)) == true;

    /// <summary>Whether the handler belongs to a [TelemetryHandler] class (its dispatch mode can be set there).</summary>
    public bool InAnnotatedClass => ContainingType?.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == HandlerRules.TelemetryHandlerAttribute) == true && Method is not null;
}

/// <summary>
/// Finds handlers, the methods the runtime calls for an event: [OnEvent] methods, implementations of generated handler
/// interfaces and of ITelemetryHandler.Handle, and lambdas or method groups passed to TelemetryHub.Attach and
/// TelemetryHandlerBuilder.On/OnEvents. Rules derive from <see cref="HandlerAnalyzer"/> and analyze each body once.
/// </summary>
internal static class HandlerBodies
{
    public const string HubType = "Snakepit.Telemetry.TelemetryHub";
    public const string BuilderType = "Snakepit.Telemetry.TelemetryHandlerBuilder";
    public const string GenericHandlerInterface = "Snakepit.Telemetry.ITelemetryHandler";

    /// <summary>Whether the method is called by the runtime for events.</summary>
    public static bool IsHandlerMethod(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ExplicitInterfaceImplementation)
        {
            return false;
        }

        if (HandlerRules.OnEventNames(method).Length > 0)
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
            var isHandlerInterface = HandlerRules.HandledPayload(candidate) is not null || candidate.ToDisplayString() == GenericHandlerInterface;
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
    public static bool IsAttach(IMethodSymbol method) =>
        (method.Name == "Attach" && method.ContainingType?.ToDisplayString() == HubType) ||
        (method.Name is "On" or "OnEvents" && method.ContainingType?.ToDisplayString() == BuilderType);

    /// <summary>The handler bodies passed as delegates to an attach call in <paramref name="invocation"/>.</summary>
    public static IEnumerable<(IOperation Body, string Name, IMethodSymbol? Target)> DelegateHandlers(IInvocationOperation invocation)
    {
        if (!IsAttach(invocation.TargetMethod))
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

/// <summary>
/// Base of the rules about handler bodies (SNK001, SNK002, SNK004, SNK009): registers the discovery of handlers once
/// and calls <see cref="AnalyzeHandler"/> for each.
/// </summary>
public abstract class HandlerAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(HandlerBodies.HubType) is null)
            {
                return;
            }

            var state = CreateState(start.Compilation, start.Options, start.CancellationToken);
            start.RegisterOperationBlockAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol method || !HandlerBodies.IsHandlerMethod(method))
                {
                    return;
                }

                foreach (var body in block.OperationBlocks)
                {
                    var root = body is IMethodBodyOperation methodBody ? (IOperation?)methodBody.BlockBody ?? methodBody.ExpressionBody : body;
                    if (root is IBlockOperation)
                    {
                        AnalyzeHandler(new HandlerBody(root, method.Name, method, method.ContainingType, method.Parameters.FirstOrDefault()?.Type, null), state, block.Compilation, block.ReportDiagnostic, block.CancellationToken);
                    }
                }
            });

            start.RegisterOperationAction(
                operation =>
                {
                    var invocation = (IInvocationOperation)operation.Operation;
                    foreach (var (body, name, target) in HandlerBodies.DelegateHandlers(invocation))
                    {
                        var idArgument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "handlerId")?.Value.Syntax.ToString();
                        if (target is null)
                        {
                            var lambda = (IAnonymousFunctionOperation)body.Parent!;
                            AnalyzeHandler(new HandlerBody(body, name, null, operation.ContainingSymbol.ContainingType, lambda.Symbol.Parameters.FirstOrDefault()?.Type, idArgument), state, operation.Compilation, operation.ReportDiagnostic, operation.CancellationToken);
                        }
                        else if (!HandlerBodies.IsHandlerMethod(target) && HandlerBodies.BodyOf(target, operation.Compilation, operation.CancellationToken) is { } targetBody)
                        {
                            AnalyzeHandler(new HandlerBody(targetBody, name, target, target.ContainingType, target.Parameters.FirstOrDefault()?.Type, idArgument), state, operation.Compilation, operation.ReportDiagnostic, operation.CancellationToken);
                        }
                    }
                },
                OperationKind.Invocation);
        });
    }

    /// <summary>Per-compilation data of the rule (lists, known symbols), made once.</summary>
    private protected virtual object? CreateState(Compilation compilation, AnalyzerOptions options, System.Threading.CancellationToken cancellationToken) => null;

    private protected abstract void AnalyzeHandler(HandlerBody handler, object? state, Compilation compilation, Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken);
}
