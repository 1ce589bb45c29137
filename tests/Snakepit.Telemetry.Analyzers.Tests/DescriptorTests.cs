using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>The handler diagnostics, checked from their descriptors: ids, help links, pages, release tracking, docs table.</summary>
public sealed class DescriptorTests
{
    private static readonly IReadOnlyList<Microsoft.CodeAnalysis.DiagnosticDescriptor> Descriptors = DescriptorChecks.DeclaredIn(typeof(HandlerDiagnostics));

    [Fact]
    public void Every_handler_descriptor_is_well_formed_documented_and_tracked() =>
        DescriptorChecks.AssertWellFormed(Descriptors, "src/Snakepit.Telemetry.Analyzers/AnalyzerReleases.Unshipped.md");

    [Fact]
    public void Every_analyzer_reports_only_descriptors_declared_in_HandlerDiagnostics()
    {
        var analyzers = typeof(HandlerDiagnostics).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToList();
        Assert.NotEmpty(analyzers);
        foreach (var analyzer in analyzers)
        {
            Assert.All(analyzer.SupportedDiagnostics, d => Assert.Contains(d, Descriptors));
        }
    }

    [Fact]
    public void The_analyzers_rules_table_is_generated_from_the_descriptors_and_the_code_fixes()
    {
        var fixable = typeof(Snakepit.Telemetry.CodeFixes.BlockingCallCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .ToHashSet(StringComparer.Ordinal);
        DescriptorChecks.AssertDocsTable(Descriptors, "docs/analyzers.md", fixable);
    }
}
