using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Snakepit.Telemetry.CodeFixes;

namespace Snakepit.Telemetry.Analyzers.Tests.Robustness;

/// <summary>
/// Runs every code fix of Snakepit.Telemetry.CodeFixes (found by reflection) on every Snakepit diagnostic of a
/// project, as an editor does: a document of an AdhocWorkspace, RegisterCodeFixesAsync, then every registered action
/// (nested ones included) computed and the changed solution of its operations taken (as Microsoft.CodeAnalysis.Testing
/// applies a fix). Records failures (a provider or an action that
/// throws, an analyzer that throws, a fix that breaks code that compiled or changes nothing in it) and how many actions
/// each provider applied.
/// </summary>
internal sealed class CodeFixRun
{
    private readonly ConcurrentDictionary<string, int> _applied = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _unchanged = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ImmutableArray<CodeFixProvider> _providers;

    /// <summary>CodeAction.NestedActions (public in newer Roslyn) or NestedCodeActions (internal in Roslyn 4.8).</summary>
    public static PropertyInfo? NestedActionsProperty { get; } =
        typeof(CodeAction).GetProperty("NestedActions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic) ??
        typeof(CodeAction).GetProperty("NestedCodeActions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

    /// <summary>Every concrete <see cref="CodeFixProvider"/> of the code fix assembly.</summary>
    public static ImmutableArray<CodeFixProvider> Providers { get; } = typeof(UnknownEventNameCodeFixProvider).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>A run of <paramref name="providers"/> (every provider of Snakepit.Telemetry.CodeFixes by default).</summary>
    public CodeFixRun(ImmutableArray<CodeFixProvider> providers = default) => _providers = providers.IsDefault ? Providers : providers;

    /// <summary>How many code actions each provider (by type name) computed and applied.</summary>
    public IReadOnlyDictionary<string, int> Applied => _applied;

    /// <summary>How many of those actions left the document as it was (a failure where the code compiled).</summary>
    public IReadOnlyDictionary<string, int> Unchanged => _unchanged;

    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>How many Snakepit diagnostics in source the runs saw.</summary>
    public int Diagnostics { get; private set; }

    /// <summary>How many compiler errors the analyzed projects had before any fix.</summary>
    public int CompileErrors { get; private set; }

    /// <summary>
    /// Analyzes <paramref name="sources"/> as one project in <paramref name="setup"/> and runs every fix of every
    /// Snakepit diagnostic. When the project compiled before, each fixed project must compile too.
    /// </summary>
    public Task RunAsync(string label, IReadOnlyList<(string Path, string Text)> sources, CatalogSetup setup, CancellationToken cancellationToken = default) =>
        RunAsync(
            label,
            TestCompilations.SetupTrees(setup).Select(t => (t.FilePath, t.GetText(cancellationToken).ToString())).Concat(sources).ToList(),
            TestCompilations.References(setup),
            TestCompilations.AdditionalTexts(setup),
            cancellationToken);

    /// <summary>Analyzes <paramref name="sources"/> as one project with these references and AdditionalFiles, and runs every fix.</summary>
    public async Task RunAsync(
        string label,
        IReadOnlyList<(string Path, string Text)> sources,
        ImmutableArray<MetadataReference> references,
        ImmutableArray<AdditionalText> additionalTexts,
        CancellationToken cancellationToken = default)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "Fixed",
            "Fixed",
            LanguageNames.CSharp,
            compilationOptions: TestCompilations.Options,
            parseOptions: TestCompilations.ParseOptions,
            metadataReferences: references));
        foreach (var (path, text) in sources)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(path), SourceText.From(text), filePath: path);
        }

        foreach (var additional in additionalTexts)
        {
            if (additional.GetText(cancellationToken) is { } text)
            {
                solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(additional.Path), text, filePath: additional.Path);
            }
        }

        var project = solution.GetProject(projectId)!;
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var analysis = await AnalyzerRun.RunAsync(compilation, additionalTexts, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var failure in analysis.Failures)
        {
            _failures.Enqueue($"{label}: {failure}");
        }

        var errorsBefore = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        CompileErrors += errorsBefore.Count;
        foreach (var diagnostic in analysis.Ours.Where(d => d.Location.IsInSource))
        {
            Diagnostics++;
            var document = solution.GetDocument(diagnostic.Location.SourceTree);
            if (document is null)
            {
                continue;
            }

            foreach (var provider in _providers.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                await FixAsync(label, provider, document, diagnostic, errorsBefore.Count == 0, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task FixAsync(string label, CodeFixProvider provider, Document document, Diagnostic diagnostic, bool compiledBefore, CancellationToken cancellationToken)
    {
        var where = $"{label}: {provider.GetType().Name} on {diagnostic}";
        var actions = new List<CodeAction>();
        try
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _failures.Enqueue($"{where}: RegisterCodeFixesAsync threw {exception}");
            return;
        }

        foreach (var action in actions.SelectMany(Flatten))
        {
            ImmutableArray<CodeActionOperation> operations;
            try
            {
                operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _failures.Enqueue($"{where}: '{action.Title}' threw {exception}");
                continue;
            }

            foreach (var apply in operations.OfType<ApplyChangesOperation>())
            {
                _applied.AddOrUpdate(provider.GetType().Name, 1, (_, n) => n + 1);
                var fixedDocument = apply.ChangedSolution.GetDocument(document.Id);
                if (fixedDocument is null)
                {
                    _failures.Enqueue($"{where}: '{action.Title}' removed the document");
                    continue;
                }

                var fixedText = await fixedDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var unchanged = fixedText.ContentEquals(await document.GetTextAsync(cancellationToken).ConfigureAwait(false));
                if (unchanged)
                {
                    _unchanged.AddOrUpdate(provider.GetType().Name, 1, (_, n) => n + 1);
                }

                if (!compiledBefore)
                {
                    continue;
                }

                if (unchanged)
                {
                    _failures.Enqueue($"{where}: '{action.Title}' is offered but changes nothing");
                    continue;
                }

                var fixedCompilation = await fixedDocument.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                var errors = fixedCompilation!.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                if (errors.Count > 0)
                {
                    _failures.Enqueue($"{where}: '{action.Title}' made code that compiled fail to compile:\n{string.Join("\n", errors)}\n---\n{fixedText}\n---");
                }
            }
        }
    }

    /// <summary>The action itself, or the actions nested in it (a group offers its members, as an editor's menu does).</summary>
    private static IEnumerable<CodeAction> Flatten(CodeAction action)
    {
        var nested = NestedActions(action);
        return nested.IsDefaultOrEmpty ? new[] { action } : nested.SelectMany(Flatten);
    }

    private static ImmutableArray<CodeAction> NestedActions(CodeAction action) =>
        NestedActionsProperty?.GetValue(action) is ImmutableArray<CodeAction> nested ? nested : ImmutableArray<CodeAction>.Empty;
}
