using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Snakepit.Telemetry.Shared;

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
            var symbols = TelemetrySymbols.Create(start.Compilation);
            if (symbols.Hub is not null)
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

        // A lambda that runs later, again and again (a request handler, a telemetry handler, a timer callback), is hot
        // even when it is registered from startup code.
        var member = context.ContainingSymbol as IMethodSymbol;
        var where = DeferredHotPath(invocation, symbols) ??
                    (member is not null && IsStartup(member) ? null : HotPath(invocation, member, symbols));
        if (where is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(HandlerDiagnostics.AttachInHotPath, invocation.Syntax.GetLocation(), where));
        }
    }

    /// <summary>Where a lambda enclosing the attach runs repeatedly: for every event, request or timer tick.</summary>
    private static string? DeferredHotPath(IOperation invocation, TelemetrySymbols symbols)
    {
        for (var parent = invocation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is not IAnonymousFunctionOperation lambda)
            {
                continue;
            }

            switch (EnclosingCall(lambda))
            {
                case IInvocationOperation call when HandlerBodies.IsAttach(call.TargetMethod, symbols):
                    return "inside a telemetry handler (it runs for every event)";
                case IInvocationOperation call when IsMinimalApi(call.TargetMethod):
                    return "in a request handler (it runs for every request)";
                case IObjectCreationOperation creation when IsTimer(creation.Constructor?.ContainingType, symbols):
                    return "in a timer callback (it runs on every tick)";
                case IEventAssignmentOperation { EventReference: IEventReferenceOperation { Event: { Name: "Elapsed" } timerEvent } } when IsTimer(timerEvent.ContainingType, symbols):
                    return "in a timer callback (it runs on every tick)";
            }
        }

        return null;
    }

    private static string? HotPath(IOperation invocation, IMethodSymbol? member, TelemetrySymbols symbols)
    {
        for (IOperation? child = invocation, parent = invocation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ILoopOperation:
                    return "inside a loop";
                case IAnonymousFunctionOperation lambda when EnclosingCall(lambda) is IInvocationOperation call && IsPerItem(call.TargetMethod, symbols):
                    return $"in code run per item ({call.TargetMethod.ContainingType.Name}.{call.TargetMethod.Name})";
            }
        }

        if (member is null)
        {
            return null;
        }

        if (HandlerBodies.IsHandlerMethod(member, symbols))
        {
            return "inside a telemetry handler (it runs for every event)";
        }

        if (IsControllerAction(member, symbols))
        {
            return "in a request handler (it runs for every request)";
        }

        return null;
    }

    /// <summary>
    /// The call, creation or event subscription a lambda is passed to, however deep the conversions between them: a
    /// lambda passed as <c>Delegate</c> (minimal APIs) or cast first sits below a delegate creation, a conversion or two
    /// and the argument.
    /// </summary>
    private static IOperation? EnclosingCall(IAnonymousFunctionOperation lambda)
    {
        for (var parent = lambda.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case IDelegateCreationOperation or IConversionOperation or IArgumentOperation or IParenthesizedOperation:
                    continue;
                case IInvocationOperation or IObjectCreationOperation or IEventAssignmentOperation:
                    return parent;
                default:
                    return null;
            }
        }

        return null;
    }

    private static bool IsTimer(INamedTypeSymbol? type, TelemetrySymbols symbols) =>
        TelemetrySymbols.IsAny(type, symbols.ThreadingTimer, symbols.TimersTimer);

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

    private static bool IsControllerAction(IMethodSymbol method, TelemetrySymbols symbols)
    {
        if (method.DeclaredAccessibility != Accessibility.Public || method.IsStatic || method.MethodKind != MethodKind.Ordinary)
        {
            return false;
        }

        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (TelemetrySymbols.IsAny(type, symbols.ControllerBase, symbols.Controller))
            {
                return true;
            }
        }

        return method.ContainingType?.GetAttributes().Any(a => a.AttributeClass?.Name == "ApiControllerAttribute") == true;
    }

    private static bool IsMinimalApi(IMethodSymbol method) =>
        method.Name.StartsWith("Map", System.StringComparison.Ordinal) &&
        method.Parameters.FirstOrDefault()?.Type.Name == "IEndpointRouteBuilder";

    private static bool IsPerItem(IMethodSymbol method, TelemetrySymbols symbols) =>
        PerItemMethods.Contains(method.Name) &&
        TelemetrySymbols.IsAny(method.ContainingType, symbols.Enumerable, symbols.Parallel, symbols.List);
}
