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
using Microsoft.CodeAnalysis.Simplification;
using Snakepit.Telemetry.Analyzers;

namespace Snakepit.Telemetry.CodeFixes;

/// <summary>
/// SNK001: runs the handler off the emitting thread by setting <c>Dispatch = TelemetryDispatchMode.Background</c> on
/// its <c>[TelemetryHandler]</c> attribute (a bounded queue and a worker; a full queue drops and counts).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingCallCodeFixProvider)), Shared]
public sealed class BlockingCallCodeFixProvider : CodeFixProvider
{
    private const string Title = "Run the handler in the background (Dispatch = TelemetryDispatchMode.Background)";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(HandlerDiagnostics.BlockingCall.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(HandlerDiagnosticProperties.CanRunInBackground, out var can) || can != "true")
            {
                continue;
            }

            var attribute = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?
                .AncestorsAndSelf().OfType<ClassDeclarationSyntax>()
                .SelectMany(c => c.AttributeLists.SelectMany(l => l.Attributes))
                .FirstOrDefault(IsTelemetryHandler);
            if (attribute is not null)
            {
                context.RegisterCodeFix(CodeAction.Create(Title, ct => FixAsync(context.Document, attribute, ct), equivalenceKey: Title), diagnostic);
            }
        }
    }

    private static bool IsTelemetryHandler(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };
        return name is "TelemetryHandler" or "TelemetryHandlerAttribute";
    }

    private static async Task<Document> FixAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var value = SyntaxFactory.ParseExpression("global::Snakepit.Telemetry.TelemetryDispatchMode.Background").WithAdditionalAnnotations(Simplifier.Annotation);
        var arguments = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        var existing = arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Dispatch");
        var updatedArguments = existing is not null
            ? arguments.ReplaceNode(existing, existing.WithExpression(value))
            : arguments.AddArguments(SyntaxFactory.AttributeArgument(SyntaxFactory.NameEquals("Dispatch"), null, value));
        var updated = document.WithSyntaxRoot(root.ReplaceNode(attribute, attribute.WithArgumentList(updatedArguments)));
        return await Simplifier.ReduceAsync(updated, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
