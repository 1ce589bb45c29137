namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>Writes one C# enum per catalog enum, named or inline.</summary>
internal static class EnumEmitter
{
    public static string Emit(EmitContext context)
    {
        var writer = CatalogEmitter.Begin(context.Catalog);
        var first = true;
        foreach (var spec in context.Catalog.Enums)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            writer.Summary(spec.Description ?? $"Values of the catalog enum '{spec.TypeName}'.");
            writer.Line(CatalogEmitter.GeneratedCode);
            writer.Open("public enum " + spec.TypeName);
            foreach (var member in spec.Members)
            {
                writer.Doc("summary", $"The catalog value <c>{SourceWriter.Xml(member.Value)}</c>.");
                writer.Line(member.MemberName + ",");
            }

            writer.Close();
        }

        return CatalogEmitter.End(writer);
    }
}
