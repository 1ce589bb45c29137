using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// SNK007: two <c>[TelemetryHandler]</c> classes with one id in a compilation (error); SNK011: ids that say nothing,
/// empty, whitespace, a GUID, <c>handler1</c>, <c>test</c> (info).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandlerIdAnalyzer : DiagnosticAnalyzer
{
    private static readonly Regex Vague = new(
        @"^(handler|handlers|test|tests|tmp|temp|foo|bar|baz|x|id|name|default|listener|my[-_]?handler|telemetry)[-_]?\d*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(HandlerDiagnostics.DuplicateHandlerId, HandlerDiagnostics.VagueHandlerId);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (TelemetrySymbols.Create(start.Compilation).TelemetryHandlerAttribute is not { } handlerAttribute)
            {
                return;
            }

            var ids = new ConcurrentBag<(string Id, Location Location, string Type)>();
            start.RegisterSymbolAction(symbol => Collect(symbol, ids, handlerAttribute), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end =>
            {
                foreach (var group in ids.GroupBy(i => i.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
                {
                    foreach (var entry in group)
                    {
                        var others = string.Join("', '", group.Where(o => o.Type != entry.Type).Select(o => o.Type).Distinct().OrderBy(t => t, StringComparer.Ordinal));
                        end.ReportDiagnostic(Diagnostic.Create(HandlerDiagnostics.DuplicateHandlerId, entry.Location, entry.Id, others));
                    }
                }
            });
        });
    }

    private static void Collect(SymbolAnalysisContext context, ConcurrentBag<(string, Location, string)> ids, INamedTypeSymbol handlerAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = TelemetrySymbols.Attribute(type, handlerAttribute);
        if (attribute is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].ScalarValue() is not string id)
        {
            return;
        }

        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;
        var location = syntax?.ArgumentList?.Arguments.FirstOrDefault()?.Expression.GetLocation() ?? type.Locations.FirstOrDefault() ?? Location.None;
        ids.Add((id, location, type.ToDisplayString()));

        if (id.Trim().Length == 0 || Guid.TryParse(id, out _) || Vague.IsMatch(id.Trim()))
        {
            context.ReportDiagnostic(Diagnostic.Create(HandlerDiagnostics.VagueHandlerId, location, id));
        }
    }
}
