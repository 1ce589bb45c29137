using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Snakepit.Telemetry.Analyzers.Tests.Robustness;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>
/// The generators, analyzers and code fixes decide by symbol (TelemetrySymbols), never by display string: a scan of
/// src/ for a <c>ToDisplayString()</c> result that is compared (<c>==</c>, <c>!=</c>, <c>is "..."</c>, a switch,
/// <c>Equals</c>, <c>StartsWith</c>, <c>Contains</c>...), directly or through a local it is stored in. Display strings
/// may still build messages and generated code.
/// </summary>
public class DisplayStringComparisonTests
{
    [Fact]
    public void No_source_file_compares_a_display_string()
    {
        var groups = RepositoryProjects.All.Where(g => g.Key.StartsWith("src/", StringComparison.Ordinal)).ToList();
        Assert.Contains(groups, g => g.Key == "src/Shared");
        Assert.Contains(groups, g => g.Key == "src/Snakepit.Telemetry.Analyzers");

        var found = new List<string>();
        foreach (var file in groups.SelectMany(g => g.Value))
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: Path.GetRelativePath(RepositoryRoot.Path, file));
            found.AddRange(DisplayStringComparisons.Find(tree));
        }

        Assert.True(found.Count == 0, "Compare symbols (TelemetrySymbols), not display strings:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("bool M(ISymbol s) => s.ToDisplayString() == \"A.B\";")]
    [InlineData("bool M(AttributeData a) => a.AttributeClass?.ToDisplayString() != \"A.B\";")]
    [InlineData("bool M(ISymbol s) => (s.ToDisplayString()) == \"A.B\";")]
    [InlineData("bool M(INamespaceSymbol n) => n.ToDisplayString() is \"System\" or \"System.Threading\";")]
    [InlineData("bool M(ISymbol s) => s.ToDisplayString().Equals(\"A.B\");")]
    [InlineData("bool M(ISymbol s) => string.Equals(s.ToDisplayString(), \"A.B\", StringComparison.Ordinal);")]
    [InlineData("bool M(INamedTypeSymbol t) => t.ContainingNamespace?.ToDisplayString().StartsWith(\"System\", StringComparison.Ordinal) == true;")]
    [InlineData("bool M(ISymbol s, string[] names) => names.Contains(s.ToDisplayString());")]
    [InlineData("int M(ISymbol s) => s.ToDisplayString() switch { \"A\" => 1, _ => 0 };")]
    [InlineData("bool M(ISymbol s) { var name = s.ToDisplayString(); return name is \"A.B\"; }")]
    [InlineData("bool M(ISymbol s) { var name = s.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat); return \"A.B\" == name; }")]
    public void The_scan_finds_a_comparison(string member)
    {
        var tree = CSharpSyntaxTree.ParseText("class C { " + member + " }");

        Assert.Single(DisplayStringComparisons.Find(tree));
    }

    [Theory]
    [InlineData("string M(ISymbol s) => \"'\" + s.ToDisplayString() + \"' is wrong\";")]
    [InlineData("string M(ISymbol s) => $\"{s.ToDisplayString()}.Name\";")]
    [InlineData("string? M(INamespaceSymbol n) => n.IsGlobalNamespace ? null : n.ToDisplayString();")]
    [InlineData("void M(ISymbol s, System.Collections.Generic.List<string> names) { var name = s.ToDisplayString(); names.Add(name); }")]
    public void The_scan_leaves_messages_and_generated_names_alone(string member)
    {
        var tree = CSharpSyntaxTree.ParseText("class C { " + member + " }");

        Assert.Empty(DisplayStringComparisons.Find(tree));
    }
}

/// <summary>Finds comparisons of <c>ToDisplayString()</c> results in a syntax tree, by syntax alone.</summary>
internal static class DisplayStringComparisons
{
    private static readonly HashSet<string> ComparingMethods = new(StringComparer.Ordinal)
    {
        "Equals", "StartsWith", "EndsWith", "Contains", "IndexOf", "CompareTo", "Compare", "CompareOrdinal", "ContainsKey",
    };

    public static IEnumerable<string> Find(SyntaxTree tree)
    {
        var root = tree.GetRoot();
        foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            var name = invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                _ => null,
            };
            if (name is not ("ToDisplayString" or "ToMinimalDisplayString"))
            {
                continue;
            }

            var value = ValueOf(invocation);
            var uses = new List<ExpressionSyntax> { value };
            if (value.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator })
            {
                // Stored in a local first: check each read of the local in its block.
                var scope = declarator.Ancestors().FirstOrDefault(a => a is BlockSyntax or ArrowExpressionClauseSyntax) ?? root;
                uses.AddRange(scope.DescendantNodes().OfType<IdentifierNameSyntax>()
                    .Where(i => i.Identifier.ValueText == declarator.Identifier.ValueText && i.SpanStart > declarator.Span.End)
                    .Select(ValueOf));
            }

            foreach (var use in uses)
            {
                if (IsCompared(use))
                {
                    var line = use.GetLocation().GetLineSpan();
                    yield return $"{line.Path}({line.StartLinePosition.Line + 1}): {use.Ancestors().First(a => a is StatementSyntax or MemberDeclarationSyntax).ToString().Trim()}";
                }
            }
        }
    }

    /// <summary>The expression whose value is the string: past <c>?.</c>, parentheses and <c>!</c>.</summary>
    private static ExpressionSyntax ValueOf(ExpressionSyntax expression)
    {
        var current = expression;
        while (true)
        {
            switch (current.Parent)
            {
                case ConditionalAccessExpressionSyntax conditional when conditional.WhenNotNull == current:
                case ParenthesizedExpressionSyntax:
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }:
                    current = (ExpressionSyntax)current.Parent;
                    continue;
                default:
                    return current;
            }
        }
    }

    private static bool IsCompared(ExpressionSyntax value) => value.Parent switch
    {
        BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression),
        IsPatternExpressionSyntax pattern => pattern.Expression == value,
        SwitchExpressionSyntax @switch => @switch.GoverningExpression == value,
        SwitchStatementSyntax => true,
        MemberAccessExpressionSyntax access => access.Expression == value && ComparingMethods.Contains(access.Name.Identifier.ValueText),
        ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } => CalledName(call) is { } called && ComparingMethods.Contains(called),
        _ => false,
    };

    private static string? CalledName(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        _ => null,
    };
}
