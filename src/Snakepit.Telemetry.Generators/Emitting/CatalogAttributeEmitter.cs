using System.Linq;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// Writes <c>[assembly: TelemetryCatalog("name", typeof(...), ...)]</c>: how an assembly advertises its catalog, so
/// that analyzers of referencing projects know its events across package boundaries.
/// </summary>
internal static class CatalogAttributeEmitter
{
    public static string Emit(EmitContext context)
    {
        var catalog = context.Catalog;
        var writer = GeneratedFile.Begin($"the '{catalog.CatalogName}' catalog (edit the catalog, not this file)");
        var types = catalog.Events.Select(e => "typeof(" + context.Qualify(e.TypeName) + ")");
        writer.Line($"[assembly: {CatalogEmitter.Runtime}.TelemetryCatalog({SourceWriter.Literal(catalog.CatalogName)}{string.Concat(types.Select(t => ", " + t))})]");
        return writer.ToString();
    }
}
