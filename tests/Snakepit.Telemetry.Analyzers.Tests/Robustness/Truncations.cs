using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Snakepit.Telemetry.Analyzers.Tests.Robustness;

/// <summary>
/// Where to cut a file to get what an editor shows while it is typed: after every token (tokens of directives and
/// structured trivia included), and inside every identifier and literal longer than two characters (a half-typed name,
/// an unterminated string).
/// </summary>
internal static class Truncations
{
    public static IReadOnlyList<int> CutPoints(string source)
    {
        var points = new SortedSet<int> { 0, source.Length };
        foreach (var token in CSharpSyntaxTree.ParseText(source, TestCompilations.ParseOptions).GetRoot().DescendantTokens(descendIntoTrivia: true))
        {
            points.Add(token.Span.End);
            if (token.Span.Length > 2 && (token.IsKind(SyntaxKind.IdentifierToken) || token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.NumericLiteralToken)))
            {
                points.Add(token.Span.Start + (token.Span.Length / 2));
            }
        }

        return points.ToList();
    }
}
