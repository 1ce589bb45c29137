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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Snakepit.Telemetry.Analyzers;

namespace Snakepit.Telemetry.CodeFixes;

/// <summary>
/// SNK008: rewrites a handler method's signature to the one its event needs: an instance method returning void that
/// takes the payload <c>in</c> (or, for a prefix, <c>&lt;TEvent&gt;(in TEvent e) where TEvent : struct, ITelemetryEvent</c>).
/// The body is kept.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HandlerSignatureCodeFixProvider)), Shared]
public sealed class HandlerSignatureCodeFixProvider : CodeFixProvider
{
    private const string Title = "Use the handler signature the event needs";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(HandlerDiagnostics.HandlerSignature.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var method = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
            if (method is null || !diagnostic.Properties.TryGetValue(HandlerDiagnostics.PayloadProperty, out var payload) || payload is null)
            {
                continue;
            }

            diagnostic.Properties.TryGetValue(HandlerDiagnostics.ParameterNameProperty, out var parameterName);
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => FixAsync(context.Document, method, payload, parameterName ?? "e", ct), equivalenceKey: Title),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, MethodDeclarationSyntax method, string payload, string parameterName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var generic = payload == HandlerDiagnostics.GenericPayload;
        var typeName = generic ? "TEvent" : payload;
        var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(parameterName))
            .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.InKeyword)))
            .WithType(SyntaxFactory.ParseTypeName(typeName).WithAdditionalAnnotations(Simplifier.Annotation));

        var modifiers = SyntaxFactory.TokenList(method.Modifiers.Where(m => !m.IsKind(SyntaxKind.StaticKeyword) && !m.IsKind(SyntaxKind.AsyncKeyword)));
        var returnType = SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.VoidKeyword)).WithTriviaFrom(method.ReturnType);
        if (method.Modifiers.Count > 0 && modifiers.Count == 0)
        {
            returnType = returnType.WithLeadingTrivia(method.Modifiers.First().LeadingTrivia);
        }

        var fixedMethod = method
            .WithModifiers(modifiers)
            .WithReturnType(returnType)
            .WithParameterList(SyntaxFactory.ParameterList(SyntaxFactory.SingletonSeparatedList(parameter)).WithTriviaFrom(method.ParameterList));

        if (generic)
        {
            var constraint = SyntaxFactory.TypeParameterConstraintClause(
                    SyntaxFactory.IdentifierName("TEvent"),
                    SyntaxFactory.SeparatedList<TypeParameterConstraintSyntax>(new TypeParameterConstraintSyntax[]
                    {
                        SyntaxFactory.ClassOrStructConstraint(SyntaxKind.StructConstraint),
                        SyntaxFactory.TypeConstraint(SyntaxFactory.ParseTypeName("global::Snakepit.Telemetry.ITelemetryEvent").WithAdditionalAnnotations(Simplifier.Annotation)),
                    }));
            fixedMethod = fixedMethod
                .WithTypeParameterList(SyntaxFactory.TypeParameterList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.TypeParameter("TEvent"))))
                .WithConstraintClauses(SyntaxFactory.SingletonList(constraint));
        }
        else
        {
            fixedMethod = fixedMethod.WithTypeParameterList(null).WithConstraintClauses(default);
        }

        fixedMethod = fixedMethod.WithAdditionalAnnotations(Formatter.Annotation);
        var updated = document.WithSyntaxRoot(root.ReplaceNode(method, fixedMethod));
        updated = await Simplifier.ReduceAsync(updated, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(updated, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
