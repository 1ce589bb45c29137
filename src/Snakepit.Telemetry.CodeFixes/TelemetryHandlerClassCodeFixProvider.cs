using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Snakepit.Telemetry.Analyzers;

namespace Snakepit.Telemetry.CodeFixes;

/// <summary>SNK010: adds the <c>partial</c> modifier to a <c>[TelemetryHandler]</c> class (and its containing types).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TelemetryHandlerClassCodeFixProvider)), Shared]
public sealed class TelemetryHandlerClassCodeFixProvider : CodeFixProvider
{
    private const string Title = "Make the handler class partial";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(HandlerDiagnostics.HandlerClassNotPartial.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(HandlerDiagnosticProperties.Reason, out var reason) || reason != "partial")
            {
                continue;
            }

            var type = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (type is not null)
            {
                context.RegisterCodeFix(CodeAction.Create(Title, ct => FixAsync(context.Document, type, ct), equivalenceKey: Title), diagnostic);
            }
        }
    }

    private static async Task<Document> FixAsync(Document document, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var targets = type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword)).ToList();
        var updated = root.ReplaceNodes(targets, (_, rewritten) => AddPartial(rewritten));
        return document.WithSyntaxRoot(updated);
    }

    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
    {
        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (type.Modifiers.Count == 0)
        {
            return type.WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(type.Keyword.LeadingTrivia)))
                .WithKeyword(type.Keyword.WithLeadingTrivia());
        }

        // 'partial' goes right before the type keyword, after every other modifier.
        return type.WithModifiers(type.Modifiers.Add(partial));
    }
}
