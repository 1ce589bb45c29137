using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Snakepit.Telemetry.Generators.Model;

/// <summary>
/// A diagnostic as plain data (its descriptor, message arguments, file and span), so that it can travel
/// through the incremental pipeline and be compared by value. Turned into a <see cref="Diagnostic"/> at the end.
/// </summary>
internal sealed class DiagnosticInfo : IEquatable<DiagnosticInfo>
{
    public DiagnosticInfo(DiagnosticDescriptor descriptor, string filePath, SourceSpan span, params string[] messageArgs)
    {
        Descriptor = descriptor;
        FilePath = filePath;
        Span = span;
        MessageArgs = new EquatableArray<string>(messageArgs);
    }

    /// <summary>The descriptor (value-equatable: Roslyn compares descriptors by their contents).</summary>
    public DiagnosticDescriptor Descriptor { get; }

    public string FilePath { get; }

    public SourceSpan Span { get; }

    public EquatableArray<string> MessageArgs { get; }

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(
            Descriptor,
            Span.ToLocation(FilePath),
            MessageArgs.Cast<object>().ToArray());

    public bool Equals(DiagnosticInfo? other) =>
        other is not null && Descriptor.Equals(other.Descriptor) && FilePath == other.FilePath &&
        Span.Equals(other.Span) && MessageArgs.Equals(other.MessageArgs);

    public override bool Equals(object? obj) => Equals(obj as DiagnosticInfo);

    public override int GetHashCode() => unchecked((Descriptor.Id.GetHashCode() * 397) ^ Span.GetHashCode());
}
