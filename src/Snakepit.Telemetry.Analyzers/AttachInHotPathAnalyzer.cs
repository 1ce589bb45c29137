using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// SNK003: a handler attached in a hot path: inside a loop, inside a handler, in a request handler (ASP.NET Core
/// actions and minimal API lambdas), or in code run per item (Parallel.ForEach, LINQ, List.ForEach). Startup code is
/// fine: Main, top-level statements, static constructors, IHostedService.StartAsync, test setup.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AttachInHotPathAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] SetupAttributes =
    {
        "SetUp", "OneTimeSetUp", "TestInitialize", "ClassInitialize", "AssemblyInitialize", "GlobalSetup", "ModuleInitializer",
    };

    private static readonly string[] PerItemMethods =
    {
        "Select", "SelectMany", "Where", "Aggregate", "ForEach", "For", "Invoke", "All", "Any", "Count", "OrderBy", "GroupBy", "ToDictionary",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(HandlerDiagnostics.AttachInHotPath);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (TelemetrySymbols.Create(start.Compilation) is { } symbols)
            {
                start.RegisterOperationAction(operation => Analyze(operation, symbols), OperationKind.Invocation);
            }
        });
    }

    private static void Analyze(OperationAnalysisContext context, TelemetrySymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var isAttach = (method.Name == "Attach" && TelemetrySymbols.Is(method.ContainingType, symbols.Hub)) ||
                       (method.Name == "AttachAll" && method.ContainingType?.Name == "TelemetryHandlers");
        if (!isAttach)
        {
            return;
        }

        var member = context.ContainingSymbol as IMethodSymbol;
        if (member is not null && IsStartup(member))
        {
            return;
        }

        var where = HotPath(invocation, member, symbols);
        if (where is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(HandlerDiagnostics.AttachInHotPath, invocation.Syntax.GetLocation(), where));
        }
    }

    private static string? HotPath(IOperation invocation, IMethodSymbol? member, TelemetrySymbols symbols)
    {
        for (IOperation? child = invocation, parent = invocation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ILoopOperation:
                    return "inside a loop";
                case IAnonymousFunctionOperation lambda:
                    var call = lambda.Parent?.Parent?.Parent as IInvocationOperation ?? lambda.Parent?.Parent as IInvocationOperation;
                    if (call is not null && HandlerBodies.IsAttach(call.TargetMethod, symbols))
                    {
                        return "inside a telemetry handler (it runs for every event)";
                    }

                    if (call is not null && IsMinimalApi(call.TargetMethod))
                    {
                        return "in a request handler (it runs for every request)";
                    }

                    if (call is not null && IsPerItem(call.TargetMethod))
                    {
                        return $"in code run per item ({call.TargetMethod.ContainingType.Name}.{call.TargetMethod.Name})";
                    }

                    break;
            }
        }

        if (member is null)
        {
            return null;
        }

        if (HandlerBodies.IsHandlerMethod(member))
        {
            return "inside a telemetry handler (it runs for every event)";
        }

        if (IsControllerAction(member))
        {
            return "in a request handler (it runs for every request)";
        }

        return null;
    }

    private static bool IsStartup(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.StaticConstructor ||
            (method.Name is "Main" or "<Main>$" && method.IsStatic) ||
            method.Name is "StartAsync" or "InitializeAsync" or "ConfigureServices" or "Configure")
        {
            return true;
        }

        return method.GetAttributes().Any(a => a.AttributeClass is { } type &&
            SetupAttributes.Any(s => type.Name == s || type.Name == s + "Attribute"));
    }

    private static bool IsControllerAction(IMethodSymbol method)
    {
        if (method.DeclaredAccessibility != Accessibility.Public || method.IsStatic || method.MethodKind != MethodKind.Ordinary)
        {
            return false;
        }

        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (type.Name is "ControllerBase" or "Controller" && type.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Mvc")
            {
                return true;
            }
        }

        return method.ContainingType?.GetAttributes().Any(a => a.AttributeClass?.Name == "ApiControllerAttribute") == true;
    }

    private static bool IsMinimalApi(IMethodSymbol method) =>
        method.Name.StartsWith("Map", System.StringComparison.Ordinal) &&
        method.Parameters.FirstOrDefault()?.Type.Name == "IEndpointRouteBuilder";

    private static bool IsPerItem(IMethodSymbol method)
    {
        var type = method.ContainingType?.ToDisplayString();
        return PerItemMethods.Contains(method.Name) &&
               (type is "System.Linq.Enumerable" or "System.Threading.Tasks.Parallel" ||
                method.ContainingType?.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.List<T>");
    }
}
