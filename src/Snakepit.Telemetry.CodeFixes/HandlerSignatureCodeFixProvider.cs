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
/// The body is kept (its returned values dropped); both parts of a partial method are rewritten. No fix where a contract
/// (an override, an interface implementation) or the body (await, yield) needs the signature as it is.
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
            if (method is null || !diagnostic.Properties.TryGetValue(HandlerDiagnosticProperties.Payload, out var payload) || payload is null)
            {
                continue;
            }

            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (model?.GetDeclaredSymbol(method, context.CancellationToken) is { } symbol && IsFixedByAContract(symbol))
            {
                continue;
            }

            var parts = await PartsAsync(context.Document, method, context.CancellationToken).ConfigureAwait(false);
            if (parts.Any(p => NeedsItsSignature(p.Method)))
            {
                continue;
            }

            diagnostic.Properties.TryGetValue(HandlerDiagnosticProperties.ParameterName, out var parameterName);
            var solution = context.Document.Project.Solution;
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => FixAsync(solution, parts, payload, parameterName ?? "e", ct), equivalenceKey: Title),
                diagnostic);
        }
    }

    /// <summary>
    /// Whether a contract fixes the method's signature: it overrides a base method or implements an interface member,
    /// so a new signature would no longer override or implement it.
    /// </summary>
    private static bool IsFixedByAContract(IMethodSymbol method) =>
        method.IsOverride ||
        method.ExplicitInterfaceImplementations.Length > 0 ||
        method.ContainingType.AllInterfaces.SelectMany(i => i.GetMembers(method.Name)).Any(member =>
            SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method));

    /// <summary>
    /// The declarations the fix rewrites: the method, or both parts of a partial method (a signature changed on one
    /// part alone no longer matches the other), wherever they are declared.
    /// </summary>
    private static async Task<ImmutableArray<(DocumentId Document, MethodDeclarationSyntax Method)>> PartsAsync(
        Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model?.GetDeclaredSymbol(method, cancellationToken) is not { } symbol ||
            (symbol.PartialDefinitionPart ?? symbol.PartialImplementationPart) is not { } other)
        {
            return ImmutableArray.Create((document.Id, method));
        }

        var parts = ImmutableArray.CreateBuilder<(DocumentId, MethodDeclarationSyntax)>();
        foreach (var reference in symbol.DeclaringSyntaxReferences.Concat(other.DeclaringSyntaxReferences))
        {
            if (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is MethodDeclarationSyntax declaration &&
                document.Project.Solution.GetDocumentId(reference.SyntaxTree) is { } id)
            {
                parts.Add((id, declaration));
            }
        }

        return parts.Count > 0 ? parts.ToImmutable() : ImmutableArray.Create((document.Id, method));
    }

    private static async Task<Solution> FixAsync(
        Solution solution, ImmutableArray<(DocumentId Document, MethodDeclarationSyntax Method)> parts, string payload, string parameterName, CancellationToken cancellationToken)
    {
        foreach (var group in parts.GroupBy(p => p.Document))
        {
            var document = solution.GetDocument(group.Key);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (document is null || root is null)
            {
                continue;
            }

            var updated = document.WithSyntaxRoot(root.ReplaceNodes(group.Select(p => p.Method), (_, method) => Rewrite(method, payload, parameterName)));
            updated = await Simplifier.ReduceAsync(updated, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            updated = await Formatter.FormatAsync(updated, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            solution = updated.Project.Solution;
        }

        return solution;
    }

    private static MethodDeclarationSyntax Rewrite(MethodDeclarationSyntax method, string payload, string parameterName)
    {
        var generic = payload == HandlerDiagnosticProperties.GenericPayload;
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

        var fixedMethod = (IsVoid(method.ReturnType) ? method : DropReturnedValues(method))
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

        return fixedMethod.WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>
    /// Whether the body needs what the fix takes away: <c>await</c> in an async method (a synchronous handler cannot
    /// wait; the work belongs in a queue or background dispatch), or <c>yield</c> (an iterator cannot return void).
    /// </summary>
    private static bool NeedsItsSignature(MethodDeclarationSyntax method) =>
        OwnNodes(method).Any(n => n is YieldStatementSyntax) ||
        (method.Modifiers.Any(SyntaxKind.AsyncKeyword) && OwnNodes(method).Any(n => n is AwaitExpressionSyntax ||
            n is CommonForEachStatementSyntax { AwaitKeyword.RawKind: not 0 } ||
            n is UsingStatementSyntax { AwaitKeyword.RawKind: not 0 } ||
            n is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: not 0 }));

    /// <summary>The nodes of the method's own body, not of the lambdas and local functions in it.</summary>
    private static System.Collections.Generic.IEnumerable<SyntaxNode> OwnNodes(MethodDeclarationSyntax method) =>
        ((SyntaxNode?)method.Body ?? method.ExpressionBody)?.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax) ??
        Enumerable.Empty<SyntaxNode>();

    private static bool IsVoid(TypeSyntax type) => type is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };

    /// <summary>
    /// The method with its results dropped, for a void signature: <c>return x;</c> becomes <c>return;</c> (or nothing
    /// at the end), a result with effects is still evaluated (<c>Count();</c>, <c>_ = a + b;</c>), and an expression
    /// body that is no statement becomes a discard (<c>=&gt; _ = e.Depth</c>) or an empty block.
    /// </summary>
    private static MethodDeclarationSyntax DropReturnedValues(MethodDeclarationSyntax method)
    {
        if (method.ExpressionBody is { } arrow)
        {
            var expression = Unparenthesize(arrow.Expression);
            if (IsStatement(expression) || expression is ThrowExpressionSyntax)
            {
                return method;
            }

            return IsDroppable(expression)
                ? method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(SyntaxFactory.Block().WithTrailingTrivia(method.SemicolonToken.TrailingTrivia))
                : method.WithExpressionBody(arrow.WithExpression(Discard(arrow.Expression)));
        }

        if (method.Body is not { } body)
        {
            return method;
        }

        var returns = OwnNodes(method).OfType<ReturnStatementSyntax>().Where(r => r.Expression is not null).ToList();
        if (returns.Count == 0)
        {
            return method;
        }

        var last = body.Statements.LastOrDefault();
        var rewritten = body.TrackNodes(returns);
        foreach (var statement in returns)
        {
            var current = rewritten.GetCurrentNode(statement)!;
            var replacement = new System.Collections.Generic.List<StatementSyntax>();
            var expression = Unparenthesize(statement.Expression!);
            if (!IsDroppable(expression))
            {
                replacement.Add(SyntaxFactory.ExpressionStatement(IsStatement(expression) ? expression.WithoutTrivia() : Discard(statement.Expression!)));
            }

            if (statement != last)
            {
                replacement.Add(SyntaxFactory.ReturnStatement());
            }

            if (current.Parent is BlockSyntax or SwitchSectionSyntax)
            {
                // A final "return x;" goes with its line, and keeps the comments above it.
                var comments = current.GetLeadingTrivia().Any(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia));
                rewritten = replacement.Count == 0
                    ? rewritten.RemoveNode(current, comments ? SyntaxRemoveOptions.KeepLeadingTrivia : SyntaxRemoveOptions.KeepNoTrivia)!
                    : rewritten.ReplaceNode(current, replacement.Select((r, i) => i == 0 ? r.WithLeadingTrivia(current.GetLeadingTrivia()) : r));
            }
            else
            {
                rewritten = rewritten.ReplaceNode(current, SyntaxFactory.Block(replacement).WithTriviaFrom(current));
            }
        }

        return method.WithBody(rewritten.WithAdditionalAnnotations(Formatter.Annotation));
    }

    private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax parenthesized ? Unparenthesize(parenthesized.Expression) : expression;

    /// <summary>Whether C# accepts the expression as a statement (a call, an assignment, ++ or --, await, new).</summary>
    private static bool IsStatement(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax or AssignmentExpressionSyntax or AwaitExpressionSyntax or BaseObjectCreationExpressionSyntax ||
        expression.IsKind(SyntaxKind.PostIncrementExpression) || expression.IsKind(SyntaxKind.PostDecrementExpression) ||
        expression.IsKind(SyntaxKind.PreIncrementExpression) || expression.IsKind(SyntaxKind.PreDecrementExpression);

    /// <summary>Whether dropping the result loses nothing (and a discard could not even take it: null, default, a lambda).</summary>
    private static bool IsDroppable(ExpressionSyntax expression) =>
        expression is LiteralExpressionSyntax or DefaultExpressionSyntax or IdentifierNameSyntax or ThisExpressionSyntax or
            AnonymousFunctionExpressionSyntax or TupleExpressionSyntax or RefExpressionSyntax;

    private static ExpressionSyntax Discard(ExpressionSyntax expression) =>
        SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("_"), expression.WithoutTrivia())
            .WithTriviaFrom(expression);
}
