using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// Base of the rules about handler bodies (SNK001, SNK002, SNK004, SNK009): registers the discovery of handlers once
/// and runs the rule's <see cref="HandlerCheck"/> on each. The check is made once per compilation by
/// <see cref="CreateCheck"/>, from the compilation's <see cref="TelemetrySymbols"/> and whatever else the rule reads
/// once (options, lists); the symbols stay internal, as the check does.
/// </summary>
public abstract class HandlerAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = TelemetrySymbols.Create(start.Compilation);
            if (symbols.Hub is null)
            {
                return;
            }

            var check = CreateCheck(symbols, start.Options, start.CancellationToken);
            start.RegisterOperationBlockAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol method || !HandlerBodies.IsHandlerMethod(method, symbols))
                {
                    return;
                }

                foreach (var body in block.OperationBlocks)
                {
                    var root = body is IMethodBodyOperation methodBody ? (IOperation?)methodBody.BlockBody ?? methodBody.ExpressionBody : body;
                    if (root is IBlockOperation)
                    {
                        check(new HandlerBody(symbols, root, method.Name, method, method.ContainingType, method.Parameters.FirstOrDefault()?.Type, null), block.Compilation, block.ReportDiagnostic, block.CancellationToken);
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
                            check(new HandlerBody(symbols, body, name, null, operation.ContainingSymbol.ContainingType, lambda.Symbol.Parameters.FirstOrDefault()?.Type, HandlerBodies.IdExpression(idArgument, lambda), background), operation.Compilation, operation.ReportDiagnostic, operation.CancellationToken);
                        }
                        else if (!HandlerBodies.IsHandlerMethod(target, symbols) && HandlerBodies.BodyOf(target, operation.Compilation, operation.CancellationToken) is { } targetBody)
                        {
                            check(new HandlerBody(symbols, targetBody, name, target, target.ContainingType, target.Parameters.FirstOrDefault()?.Type, HandlerBodies.IdExpression(idArgument, null), background), operation.Compilation, operation.ReportDiagnostic, operation.CancellationToken);
                        }
                    }
                },
                OperationKind.Invocation);
        });
    }

    /// <summary>The rule's check of one handler body for a compilation, made once with what it reads once (symbols, lists).</summary>
    private protected abstract HandlerCheck CreateCheck(TelemetrySymbols symbols, AnalyzerOptions options, System.Threading.CancellationToken cancellationToken);
}

/// <summary>A rule's check of one handler body (see <see cref="HandlerAnalyzer.CreateCheck"/>).</summary>
internal delegate void HandlerCheck(HandlerBody handler, Compilation compilation, Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken);
