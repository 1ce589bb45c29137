using System.Linq;
using Microsoft.CodeAnalysis;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// The symbols the handler rules compare with, resolved once per compilation (as Meziantou's analyzers do), so that a
/// rule compares symbols rather than display strings. Null where the compilation does not see the type.
/// </summary>
public sealed class TelemetrySymbols
{
    private TelemetrySymbols(Compilation compilation, INamedTypeSymbol hub)
    {
        Hub = hub;
        Builder = compilation.GetTypeByMetadataName(WellKnownTypeNames.TelemetryHandlerBuilder);
        TelemetryEvent = compilation.GetTypeByMetadataName(WellKnownTypeNames.TelemetryEvent);
        HighCardinalityAttribute = compilation.GetTypeByMetadataName(WellKnownTypeNames.HighCardinalityAttribute);
        EmitterAttribute = compilation.GetTypeByMetadataName(WellKnownTypeNames.EmitterAttribute);
        BlockingCollection = compilation.GetTypeByMetadataName("System.Collections.Concurrent.BlockingCollection`1");
        ChannelWriter = compilation.GetTypeByMetadataName("System.Threading.Channels.ChannelWriter`1");
    }

    public INamedTypeSymbol Hub { get; }

    public INamedTypeSymbol? Builder { get; }

    public INamedTypeSymbol? TelemetryEvent { get; }

    public INamedTypeSymbol? HighCardinalityAttribute { get; }

    public INamedTypeSymbol? EmitterAttribute { get; }

    public INamedTypeSymbol? BlockingCollection { get; }

    public INamedTypeSymbol? ChannelWriter { get; }

    /// <summary>The symbols of <paramref name="compilation"/>, or null when it does not reference Snakepit.Telemetry.</summary>
    public static TelemetrySymbols? Create(Compilation compilation) =>
        compilation.GetTypeByMetadataName(WellKnownTypeNames.TelemetryHub) is { } hub ? new TelemetrySymbols(compilation, hub) : null;

    /// <summary>Whether <paramref name="type"/> is <paramref name="expected"/> (any construction of it, for a generic type).</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    /// <summary>The first <paramref name="attribute"/> on <paramref name="symbol"/>, or null.</summary>
    public static AttributeData? Attribute(ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is null ? null : symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));
}
