using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Snakepit.Telemetry.Generators.Model;

/// <summary>
/// A diagnostic as plain data (descriptor id, message arguments, file and span), so that it can travel
/// through the incremental pipeline and be compared by value. Turned into a <see cref="Diagnostic"/> at the end.
/// </summary>
internal sealed class DiagnosticInfo : IEquatable<DiagnosticInfo>
{
    public DiagnosticInfo(string descriptorId, string filePath, SourceSpan span, params string[] messageArgs)
    {
        DescriptorId = descriptorId;
        FilePath = filePath;
        Span = span;
        MessageArgs = new EquatableArray<string>(messageArgs);
    }

    public string DescriptorId { get; }

    public string FilePath { get; }

    public SourceSpan Span { get; }

    public EquatableArray<string> MessageArgs { get; }

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(
            CatalogDiagnostics.ById(DescriptorId),
            Span.ToLocation(FilePath),
            MessageArgs.Cast<object>().ToArray());

    public bool Equals(DiagnosticInfo? other) =>
        other is not null && DescriptorId == other.DescriptorId && FilePath == other.FilePath &&
        Span.Equals(other.Span) && MessageArgs.Equals(other.MessageArgs);

    public override bool Equals(object? obj) => Equals(obj as DiagnosticInfo);

    public override int GetHashCode() => unchecked((DescriptorId.GetHashCode() * 397) ^ Span.GetHashCode());
}
