using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Snakepit.Telemetry.Analyzers.Tests.Robustness;
using Xunit;
using Xunit.Abstractions;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>
/// No code fix throws, and a fix never breaks code that compiled: every provider of Snakepit.Telemetry.CodeFixes, on
/// every Snakepit diagnostic of the Fixable corpus (each fixable rule in its usual shapes), of the Incomplete corpus
/// (code as typed), of the well-formed corpus and of prefixes of fixable files, has
/// every code action computed and applied without an exception; fixed Fixable files compile. Every provider must
/// have applied at least one action, so the tests cannot pass by fixing nothing.
/// </summary>
public class CodeFixRobustnessTests
{
    private readonly ITestOutputHelper _output;

    public CodeFixRobustnessTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Every_provider_of_the_assembly_is_run_and_nested_actions_are_seen()
    {
        var names = CodeFixRun.Providers.Select(p => p.GetType().Name).ToList();
        _output.WriteLine(string.Join(", ", names));
        Assert.Equal(5, names.Count);
        Assert.NotNull(CodeFixRun.NestedActionsProperty);
        Assert.Equal(typeof(System.Collections.Immutable.ImmutableArray<CodeAction>), CodeFixRun.NestedActionsProperty!.PropertyType);
    }

    [Fact]
    public async Task The_harness_fails_on_a_fix_that_throws_breaks_the_code_or_changes_nothing()
    {
        var run = new CodeFixRun(ImmutableArray.Create<CodeFixProvider>(new TestFix("throws"), new TestFix("breaks"), new TestFix("nothing")));
        await run.RunAsync("15_NotPartial.cs", new[] { ("15_NotPartial.cs", CorpusFiles.Read(CorpusFiles.Fixable, "15_NotPartial.cs")) }, CatalogSetup.Runtime);
        Assert.Contains(run.Failures, f => f.Contains("'throws' threw System.InvalidOperationException: thrown on purpose", StringComparison.Ordinal));
        Assert.Contains(run.Failures, f => f.Contains("'breaks' made code that compiled fail to compile", StringComparison.Ordinal));
        Assert.Contains(run.Failures, f => f.Contains("'nothing' is offered but changes nothing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_fix_of_the_fixable_corpus_applies_and_the_result_compiles()
    {
        var run = new CodeFixRun();
        foreach (var file in CorpusFiles.Names(CorpusFiles.Fixable))
        {
            var sources = new[] { (file, CorpusFiles.Read(CorpusFiles.Fixable, file)) };
            var compiled = TestCompilations.Create(CatalogSetup.Runtime, TestCompilations.Parse(sources[0].Item2, file)).GetDiagnostics();
            Assert.True(!compiled.Any(d => d.Severity == DiagnosticSeverity.Error), $"{file} does not compile:\n{string.Join("\n", compiled)}");
            await run.RunAsync(file, sources, CatalogSetup.Runtime);
        }

        Report(run);
        foreach (var provider in CodeFixRun.Providers)
        {
            Assert.True(run.Applied.TryGetValue(provider.GetType().Name, out var count) && count > 0, $"{provider.GetType().Name} applied no fix");
        }

        Assert.True(run.Failures.Count == 0, string.Join("\n\n", run.Failures));
    }

    [Fact]
    public async Task Every_fix_of_the_incomplete_corpus_applies_without_an_exception()
    {
        // With Snakepit's catalog, where every rule reports (without one, SNK005, SNK006 and SNK008 never do).
        var run = new CodeFixRun();
        foreach (var file in CorpusFiles.Names(CorpusFiles.Incomplete))
        {
            await run.RunAsync(file, new[] { (file, CorpusFiles.Read(CorpusFiles.Incomplete, file)) }, CatalogSetup.Runtime);
        }

        Report(run);
        Assert.True(run.Applied.Count > 0, "no fix applied on the incomplete corpus");
        Assert.True(run.Failures.Count == 0, string.Join("\n\n", run.Failures));
    }

    [Fact]
    public async Task Every_fix_on_the_well_formed_corpus_applies_without_an_exception()
    {
        // The corpus follows the guide: CorpusTests proves it gets no diagnostic, so this pass mostly proves the harness
        // sees none either; a rule that starts reporting there gets its fixes run and checked here.
        var run = new CodeFixRun();
        foreach (var file in CorpusFiles.Names(CorpusFiles.WellFormed))
        {
            await run.RunAsync(file, new[] { (file, CorpusFiles.Read(CorpusFiles.WellFormed, file)) }, CatalogSetup.Runtime);
        }

        Report(run);
        Assert.True(run.Failures.Count == 0, string.Join("\n\n", run.Failures));
    }

    [Fact]
    public async Task Every_fix_on_prefixes_of_fixable_files_applies_without_an_exception()
    {
        // Fixes on code cut short: a handler body without its closing brace, an attribute without its bracket.
        var run = new CodeFixRun();
        foreach (var file in CorpusFiles.Names(CorpusFiles.Fixable))
        {
            var source = CorpusFiles.Read(CorpusFiles.Fixable, file);
            var cuts = Truncations.CutPoints(source);
            for (var i = 0; i < cuts.Count; i += 15)
            {
                await run.RunAsync($"{file} cut at {cuts[i]}", new[] { (file, source.Substring(0, cuts[i])) }, CatalogSetup.Runtime);
            }
        }

        Report(run);
        Assert.True(run.Failures.Count == 0, string.Join("\n\n", run.Failures));
    }

    private void Report(CodeFixRun run)
    {
        _output.WriteLine($"{run.Diagnostics} Snakepit diagnostics in source");
        foreach (var provider in CodeFixRun.Providers.Select(p => p.GetType().Name))
        {
            _output.WriteLine($"{provider}: {(run.Applied.TryGetValue(provider, out var count) ? count : 0)} actions applied, " +
                              $"{(run.Unchanged.TryGetValue(provider, out var unchanged) ? unchanged : 0)} of them changing nothing");
        }
    }

    /// <summary>A fix for SNK010 that throws, breaks the code or changes nothing (by its title), to show that the harness reports it.</summary>
#pragma warning disable RS1016 // Passed by hand to the harness: never exported, never fixed all.
    private sealed class TestFix : CodeFixProvider
#pragma warning restore RS1016
    {
        private readonly string _title;

        public TestFix(string title) => _title = title;

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("SNK010");

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            context.RegisterCodeFix(
                CodeAction.Create(_title, _ => _title switch
                {
                    "throws" => throw new InvalidOperationException("thrown on purpose"),
                    "breaks" => Task.FromResult(context.Document.WithText(SourceText.From("class {"))),
                    _ => Task.FromResult(context.Document),
                }),
                context.Diagnostics);
            return Task.CompletedTask;
        }
    }
}
