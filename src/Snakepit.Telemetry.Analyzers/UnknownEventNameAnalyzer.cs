using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// SNK006: an event name or prefix that no catalog declares, in <c>[OnEvent]</c> and in every runtime parameter
/// marked <c>[EventName]</c> (ListHandlers, the hub's attach patterns). Suggests the closest known names.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnknownEventNameAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(HandlerDiagnostics.UnknownEventName, HandlerDiagnostics.PrefixAsEventName, HandlerDiagnostics.ForeignEventName);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = TelemetrySymbols.Create(start.Compilation);
            if (symbols.EventNameAttribute is not { } eventNameAttribute)
            {
                return;
            }

            var known = KnownEvents.Create(start.Compilation, symbols);
            if (known.Count == 0)
            {
                return;
            }

            start.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, known, symbols), SymbolKind.Method);
            start.RegisterOperationAction(operation => AnalyzeInvocation(operation, known, eventNameAttribute), OperationKind.Invocation, OperationKind.ObjectCreation);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, KnownEvents known, TelemetrySymbols symbols)
    {
        foreach (var (eventName, attribute) in HandlerRules.OnEventNames((IMethodSymbol)context.Symbol, symbols))
        {
            if (known.Matches(eventName, allowPrefix: false))
            {
                continue;
            }

            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;
            var argument = syntax?.ArgumentList?.Arguments.FirstOrDefault()?.Expression;
            if (argument is not null)
            {
                context.ReportDiagnostic(Create(argument.GetLocation(), eventName, allowPrefix: false, known));
            }
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, KnownEvents known, INamedTypeSymbol eventNameAttribute)
    {
        // Attribute constructors are operations too on newer compilers; [OnEvent] is checked from the method symbol.
        if (context.Operation.Syntax is AttributeSyntax)
        {
            return;
        }

        var arguments = context.Operation switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };

        foreach (var argument in arguments)
        {
            var parameter = argument.Parameter;
            var marker = parameter is null ? null : TelemetrySymbols.Attribute(parameter, eventNameAttribute);
            if (marker is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            var allowPrefix = marker.NamedArguments.Any(n => n.Key == "Prefix" && n.Value.ScalarValue() is true);
            foreach (var value in Values(argument))
            {
                if (value.ConstantValue.HasValue && value.ConstantValue.Value is string name && !known.Matches(name, allowPrefix))
                {
                    context.ReportDiagnostic(Create(value.Syntax.GetLocation(), name, allowPrefix, known));
                }
            }
        }
    }

    private const int MaxListedEvents = 3;

    private static Diagnostic BarePrefix(Location location, string prefix, KnownEvents known)
    {
        var pattern = prefix + ".*";
        var events = known.EventsUnder(prefix);
        var meant = events.Count <= MaxListedEvents
            ? string.Join(", ", events.Take(events.Count - 1).Select(e => "'" + e + "'")) + (events.Count > 1 ? " or " : "") + "'" + events[events.Count - 1] + "'"
            : $"one of the events under it, such as '{events[0]}'";
        var suggestions = new[] { pattern }.Concat(events.Take(MaxListedEvents));
        var properties = ImmutableDictionary<string, string?>.Empty.Add(HandlerDiagnosticProperties.Suggestions, string.Join(";", suggestions));
        return Diagnostic.Create(HandlerDiagnostics.PrefixAsEventName, location, properties, prefix, "'" + pattern + "'", meant);
    }

    private static IEnumerable<IOperation> Values(IArgumentOperation argument)
    {
        if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation array)
        {
            return array.Initializer?.ElementValues ?? Enumerable.Empty<IOperation>();
        }

        return new[] { argument.Value };
    }

    private static Diagnostic Create(Location location, string name, bool allowPrefix, KnownEvents known)
    {
        // A prefix where an event is expected ("snakepit.python.call"): not foreign, not a typo, and matching nothing
        // at run time. Say so, and offer the pattern and the events below it.
        if (!allowPrefix && !EventPatterns.IsPattern(name) && known.IsBarePrefix(name))
        {
            return BarePrefix(location, name, known);
        }

        // Under another assembly's catalog name, not declared there and no typo of a declared name: SNK005, with the
        // project's own catalog to move to.
        var suggestions = known.Suggest(name, allowPrefix);
        var owner = suggestions.Count == 0 ? known.ForeignOwner(name) : null;
        if (owner is not null)
        {
            return ForeignEventDiagnostic.Create(location, name, owner, known);
        }

        var kind = EventPatterns.IsPattern(name) && name != "*" ? "an event under" : allowPrefix ? "an event or prefix" : "the event";
        var hint = suggestions.Count > 0
            ? "; did you mean " + string.Join(" or ", suggestions.Select(s => "'" + s + "'")) + "?"
            : "; check the catalogs (events.yaml) and the packages that declare events";
        var properties = ImmutableDictionary<string, string?>.Empty.Add(HandlerDiagnosticProperties.Suggestions, string.Join(";", suggestions));
        return Diagnostic.Create(HandlerDiagnostics.UnknownEventName, location, properties, kind, name, hint);
    }
}
