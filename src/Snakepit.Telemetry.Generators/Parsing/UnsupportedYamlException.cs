using Microsoft.CodeAnalysis;
using YamlDotNet.Core;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>Valid YAML that a catalog cannot use (a tag, a second document, nesting too deep), with its place.</summary>
internal sealed class UnsupportedYamlException : YamlException
{
    public UnsupportedYamlException(Mark start, Mark end, DiagnosticDescriptor descriptor, string argument)
        : base(start, end, descriptor.Title.ToString())
    {
        Descriptor = descriptor;
        Argument = argument;
    }

    /// <summary>The diagnostic to report.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>Its one message argument (empty when it takes none).</summary>
    public string Argument { get; }
}
