using System.Collections.Generic;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// Turns a <see cref="CatalogSpec"/> into C# sources: enums, event payloads, handler interfaces, the static
/// events class with its emitters, and span helpers. Output depends on the spec alone, so it is deterministic.
/// </summary>
internal static class CatalogEmitter
{
    public const string Runtime = "global::Snakepit.Telemetry";

    public static IEnumerable<KeyValuePair<string, string>> Emit(CatalogSpec catalog, bool moduleInitializers)
    {
        var context = new EmitContext(catalog);
        var prefix = catalog.Namespace + "." + catalog.ClassName;
        if (catalog.Enums.Count > 0)
        {
            yield return Pair(prefix + ".Enums.g.cs", EnumEmitter.Emit(context));
        }

        yield return Pair(prefix + ".Payloads.g.cs", PayloadEmitter.Emit(context));
        yield return Pair(prefix + ".Handlers.g.cs", HandlerInterfaceEmitter.Emit(context));
        yield return Pair(prefix + ".g.cs", EventsClassEmitter.Emit(context));
        if (catalog.Spans.Count > 0)
        {
            yield return Pair(prefix + ".Spans.g.cs", SpanEmitter.Emit(context));
        }

        if (context.HasMeter || context.HasActivitySource)
        {
            yield return Pair(prefix + ".Instruments.g.cs", InstrumentsEmitter.Emit(context));
        }

        yield return Pair(prefix + ".Decoder.g.cs", DecoderEmitter.Emit(context));
        yield return Pair(prefix + ".Catalog.g.cs", CatalogAttributeEmitter.Emit(context));
        if (moduleInitializers)
        {
            yield return Pair(prefix + ".Registration.g.cs", RegistrationEmitter.Emit(context));
        }
    }

    private static KeyValuePair<string, string> Pair(string hintName, string source) => new(hintName, source);

    /// <summary>Starts a generated file: header, nullable context, namespace.</summary>
    internal static SourceWriter Begin(CatalogSpec catalog)
    {
        var writer = GeneratedFile.Begin($"the '{catalog.CatalogName}' catalog (edit the catalog, not this file)");
        writer.Open("namespace " + catalog.Namespace);
        return writer;
    }

    internal static string End(SourceWriter writer)
    {
        writer.Close();
        return writer.ToString();
    }

    internal static string GeneratedCode => GeneratedFile.GeneratedCodeAttribute;

    /// <summary><c>[MethodImpl(MethodImplOptions.AggressiveInlining)]</c>.</summary>
    internal const string AggressiveInlining = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";

    /// <summary><c>[MethodImpl(MethodImplOptions.NoInlining)]</c>.</summary>
    internal const string NoInlining = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]";

    /// <summary>The marker analyzers find emitters by (SNK009): <c>[TelemetryEmitter(typeof(Payload))]</c>.</summary>
    internal static string EmitterAttribute(string qualifiedPayload) => $"[{Runtime}.TelemetryEmitter(typeof({qualifiedPayload}))]";
}
