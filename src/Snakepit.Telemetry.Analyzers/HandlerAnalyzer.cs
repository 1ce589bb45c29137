using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// Base of the rules about handler bodies (SNK001, SNK002, SNK004, SNK009): registers the discovery of handlers once
/// and calls <see cref="AnalyzeHandler"/> for each, with the rule's typed per-compilation context
/// (<typeparamref name="TContext"/>, made once by <see cref="CreateContext"/> from the resolved <see cref="TelemetrySymbols"/>).
/// </summary>
public abstract class HandlerAnalyzer<TContext> : DiagnosticAnalyzer
    where TContext : class
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (TelemetrySymbols.Create(start.Compilation) is not { } symbols)
            {
                return;
            }

            var state = CreateContext(symbols, start.Options, start.CancellationToken);
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
                    foreach (var (body, name, target) in HandlerBodies.DelegateHandlers(invocation, symbols))
                    {
                        var idArgument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "handlerId")?.Value;
                        var background = HandlerBodies.IsBoundInBackground(invocation, symbols);
                        if (target is null)
                        {
                            var lambda = (IAnonymousFunctionOperation)body.Parent!;
                            AnalyzeHandler(new HandlerBody(body, name, null, operation.ContainingSymbol.ContainingType, lambda.Symbol.Parameters.FirstOrDefault()?.Type, HandlerBodies.IdExpression(idArgument, lambda), background), state, operation.Compilation, operation.ReportDiagnostic, operation.CancellationToken);
                        }
                        else if (!HandlerBodies.IsHandlerMethod(target) && HandlerBodies.BodyOf(target, operation.Compilation, operation.CancellationToken) is { } targetBody)
                        {
                            AnalyzeHandler(new HandlerBody(targetBody, name, target, target.ContainingType, target.Parameters.FirstOrDefault()?.Type, HandlerBodies.IdExpression(idArgument, null), background), state, operation.Compilation, operation.ReportDiagnostic, operation.CancellationToken);
                        }
                    }
                },
                OperationKind.Invocation);
        });
    }

    /// <summary>Per-compilation data of the rule (resolved symbols, lists), made once.</summary>
    private protected abstract TContext CreateContext(TelemetrySymbols symbols, AnalyzerOptions options, System.Threading.CancellationToken cancellationToken);

    private protected abstract void AnalyzeHandler(HandlerBody handler, TContext context, Compilation compilation, Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken);
}
