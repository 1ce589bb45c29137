using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Snakepit.Telemetry.Analyzers.Tests.Robustness;

/// <summary>
/// Runs every analyzer of the analyzer assembly (found by reflection, so a new rule is covered without a change here)
/// over a compilation, and records what went wrong: exceptions through <c>onAnalyzerException</c> and any AD0001.
/// </summary>
internal static class AnalyzerRun
{
    /// <summary>Every concrete <see cref="DiagnosticAnalyzer"/> of Snakepit.Telemetry.Analyzers.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = typeof(UnknownEventNameAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>
    /// Runs <paramref name="analyzers"/> (all of them by default) and returns their diagnostics, with a failure for every
    /// analyzer exception and every AD0001 (the compiler's own diagnostics are not computed: they cost a second pass).
    /// </summary>
    public static async Task<AnalyzerRunResult> RunAsync(
        Compilation compilation,
        ImmutableArray<AdditionalText> additionalTexts,
        ImmutableArray<DiagnosticAnalyzer> analyzers = default,
        CancellationToken cancellationToken = default)
    {
        var failures = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalTexts.IsDefault ? ImmutableArray<AdditionalText>.Empty : additionalTexts),
            (exception, analyzer, diagnostic) => failures.Enqueue($"{analyzer.GetType().Name} threw: {exception}\n{diagnostic}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false,
            analyzerExceptionFilter: null);
        var withAnalyzers = compilation.WithAnalyzers(analyzers.IsDefault ? All : analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
        {
            failures.Enqueue(diagnostic.ToString());
        }

        return new AnalyzerRunResult(diagnostics, failures.ToList());
    }
}

/// <summary>What <see cref="AnalyzerRun.RunAsync"/> saw: the analyzers' diagnostics, and their failures (empty when none threw).</summary>
internal sealed class AnalyzerRunResult
{
    public AnalyzerRunResult(ImmutableArray<Diagnostic> diagnostics, IReadOnlyList<string> failures)
    {
        Diagnostics = diagnostics;
        Failures = failures;
    }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public IReadOnlyList<string> Failures { get; }

    /// <summary>The diagnostics of the Snakepit rules.</summary>
    public IEnumerable<Diagnostic> Ours => Diagnostics.Where(d => d.Id.StartsWith("SNK", StringComparison.Ordinal));
}
