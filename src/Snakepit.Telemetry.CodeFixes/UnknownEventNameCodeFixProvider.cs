using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Snakepit.Telemetry.Analyzers;

namespace Snakepit.Telemetry.CodeFixes;

/// <summary>
/// SNK006: replaces an unknown event name with one of the known names the diagnostic suggests. SNK005: moves a name
/// from another assembly's catalog to the project's own catalog name.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnknownEventNameCodeFixProvider)), Shared]
public sealed class UnknownEventNameCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds =>
        ImmutableArray.Create(HandlerDiagnostics.UnknownEventName.Id, HandlerDiagnostics.ForeignEventName.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal ||
                !literal.IsKind(SyntaxKind.StringLiteralExpression) ||
                !diagnostic.Properties.TryGetValue(HandlerDiagnosticProperties.Suggestions, out var joined) ||
                string.IsNullOrEmpty(joined))
            {
                continue;
            }

            var suggestions = joined!.Split(';');
            for (var i = 0; i < suggestions.Length; i++)
            {
                var suggestion = suggestions[i];
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use '{suggestion}'",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(
                            literal,
                            SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(suggestion)).WithTriviaFrom(literal)))),
                        equivalenceKey: diagnostic.Id + "-suggestion-" + i),
                    diagnostic);
            }
        }
    }
}
