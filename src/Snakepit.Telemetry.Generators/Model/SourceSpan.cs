using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Snakepit.Telemetry.Generators.Model;

/// <summary>A place in a catalog file: character offsets and 0-based line/column, value-equatable.</summary>
internal readonly struct SourceSpan : IEquatable<SourceSpan>
{
    public SourceSpan(int start, int end, int startLine, int startColumn, int endLine, int endColumn)
    {
        Start = start;
        End = Math.Max(start, end);
        StartLine = startLine;
        StartColumn = startColumn;
        EndLine = endLine;
        EndColumn = endColumn;
    }

    public int Start { get; }

    public int End { get; }

    public int StartLine { get; }

    public int StartColumn { get; }

    public int EndLine { get; }

    public int EndColumn { get; }

    public Location ToLocation(string path) =>
        Location.Create(
            path,
            TextSpan.FromBounds(Start, End),
            new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));

    public bool Equals(SourceSpan other) =>
        Start == other.Start && End == other.End && StartLine == other.StartLine &&
        StartColumn == other.StartColumn && EndLine == other.EndLine && EndColumn == other.EndColumn;

    public override bool Equals(object? obj) => obj is SourceSpan other && Equals(other);

    public override int GetHashCode() => unchecked((Start * 397) ^ End ^ (StartLine << 16));
}
