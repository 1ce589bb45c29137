using System.Linq;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// Writes <c>[assembly: TelemetryCatalog("name", typeof(...), ...)]</c>: how an assembly advertises its catalog, so
/// that analyzers of referencing projects know its events across package boundaries. <c>EventNames</c> repeats the
/// events' names in the types' order: analyzers read them as constants and bind no payload member.
/// </summary>
internal static class CatalogAttributeEmitter
{
    public static string Emit(EmitContext context)
    {
        var catalog = context.Catalog;
        var writer = GeneratedFile.Begin($"the '{catalog.CatalogName}' catalog (edit the catalog, not this file)");
        var types = catalog.Events.Select(e => "typeof(" + context.Qualify(e.TypeName) + ")");
        var names = string.Concat(catalog.Events.Select(e => " " + SourceWriter.Literal(e.Name) + ","));
        writer.Line($"[assembly: {CatalogEmitter.Runtime}.TelemetryCatalog({SourceWriter.Literal(catalog.CatalogName)}{string.Concat(types.Select(t => ", " + t))}, EventNames = new string[] {{{names.TrimEnd(',')} }})]");
        return writer.ToString();
    }
}
