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
/// SNK002: wraps the handler's body (a method's, a lambda's or an anonymous method's) in
/// <c>try { ... } catch (Exception ex) { TelemetryHub.Default.ReportHandlerError(...); }</c>, so bad data is reported as
/// <c>telemetry.handler.failure</c> and the handler stays attached.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ExceptionEscapeCodeFixProvider)), Shared]
public sealed class ExceptionEscapeCodeFixProvider : CodeFixProvider
{
    private const string Title = "Catch exceptions in the handler and report them";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(HandlerDiagnostics.ExceptionEscapes.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var function = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                .AncestorsAndSelf()
                .FirstOrDefault(n => n is AnonymousFunctionExpressionSyntax or BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax);
            if (function is null or LocalFunctionStatementSyntax ||
                !diagnostic.Properties.TryGetValue(HandlerDiagnosticProperties.HandlerReference, out var handler) || handler is null ||
                !diagnostic.Properties.TryGetValue(HandlerDiagnosticProperties.EventNameExpression, out var eventName) || eventName is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => FixAsync(context.Document, function, handler, eventName, ct), equivalenceKey: Title),
                diagnostic);
        }
    }

    /// <summary>
    /// The type's short name where its namespace is imported (the simplifier does not reduce names inside a lambda
    /// passed to a generic method, so the fix does it for the common case), else the fully qualified name.
    /// </summary>
    private static string Shorten(string fullyQualified, SyntaxNode context)
    {
        var name = fullyQualified.StartsWith("global::", System.StringComparison.Ordinal) ? fullyQualified.Substring("global::".Length) : fullyQualified;
        var dot = name.LastIndexOf('.');
        if (dot < 0)
        {
            return fullyQualified;
        }

        var ns = name.Substring(0, dot);
        var imported = context.AncestorsAndSelf()
            .SelectMany(n => n switch
            {
                CompilationUnitSyntax unit => unit.Usings,
                BaseNamespaceDeclarationSyntax declaration => declaration.Usings,
                _ => default(SyntaxList<UsingDirectiveSyntax>),
            })
            .Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == ns);
        var inside = context.AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Name.ToString() == ns);
        return imported || inside ? name.Substring(dot + 1) : fullyQualified;
    }

    /// <summary>Shortens the type of an event name expression such as <c>global::Ns.PoolStatus.Name</c>.</summary>
    private static string ShortenExpression(string expression, SyntaxNode context)
    {
        const string suffix = ".Name";
        return expression.StartsWith("global::", System.StringComparison.Ordinal) && expression.EndsWith(suffix, System.StringComparison.Ordinal)
            ? Shorten(expression.Substring(0, expression.Length - suffix.Length), context) + suffix
            : expression;
    }

    private static async Task<Document> FixAsync(Document document, SyntaxNode function, string handler, string eventName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var parameters = function switch
        {
            BaseMethodDeclarationSyntax method => method.ParameterList.Parameters.Select(p => p.Identifier.ValueText),
            ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters.Select(p => p.Identifier.ValueText),
            SimpleLambdaExpressionSyntax lambda => new[] { lambda.Parameter.Identifier.ValueText },
            _ => Enumerable.Empty<string>(),
        };
        var variable = parameters.Contains("ex") ? "handlerException" : "ex";

        var body = function switch
        {
            BaseMethodDeclarationSyntax { Body: { } block } => block,
            BaseMethodDeclarationSyntax { ExpressionBody: { } arrow } => SyntaxFactory.Block(Statement(arrow.Expression)),
            AnonymousFunctionExpressionSyntax { Block: { } block } => block,
            AnonymousFunctionExpressionSyntax { ExpressionBody: { } expression } => SyntaxFactory.Block(Statement(expression)),
            _ => null,
        };
        if (body is null)
        {
            return document;
        }

        var report = SyntaxFactory.ParseStatement(
            $"{Shorten("global::Snakepit.Telemetry.TelemetryHub", function)}.Default.ReportHandlerError({handler}, {ShortenExpression(eventName, function)}, {variable});");
        var tryStatement = SyntaxFactory.TryStatement(
            SyntaxFactory.Block(body.Statements),
            SyntaxFactory.SingletonList(SyntaxFactory.CatchClause(
                SyntaxFactory.CatchDeclaration(SyntaxFactory.ParseTypeName(Shorten("global::System.Exception", function)), SyntaxFactory.Identifier(variable)),
                null,
                SyntaxFactory.Block(report))),
            null);
        var newBody = SyntaxFactory.Block(tryStatement);

        SyntaxNode replacement = function switch
        {
            MethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(newBody),
            BaseMethodDeclarationSyntax method => method.WithBody(newBody),
            // Rebuilt from text: the lambda's own WithBlock loses the annotations the simplifier and formatter need.
            // The head is everything before the body: up to the arrow of a lambda, up to the block of delegate (...) { }.
            AnonymousFunctionExpressionSyntax anonymous => SyntaxFactory.ParseExpression(
                anonymous.ToString().Substring(0, HeadEnd(anonymous) - anonymous.SpanStart).TrimEnd() + " " + newBody.NormalizeWhitespace().ToFullString())
                .WithTriviaFrom(anonymous),
            _ => function,
        };

        var updated = document.WithSyntaxRoot(root.ReplaceNode(function, replacement.WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation)));
        updated = await Simplifier.ReduceAsync(updated, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(updated, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static int HeadEnd(AnonymousFunctionExpressionSyntax function) => function switch
    {
        LambdaExpressionSyntax lambda => lambda.ArrowToken.Span.End,
        _ => function.Block?.SpanStart ?? function.Span.End,
    };

    /// <summary>An expression body as a statement: <c>throw x;</c> for a throw expression (not a valid expression statement).</summary>
    private static StatementSyntax Statement(ExpressionSyntax expression) =>
        expression is ThrowExpressionSyntax thrown
            ? SyntaxFactory.ThrowStatement(thrown.Expression)
            : SyntaxFactory.ExpressionStatement(expression);
}
