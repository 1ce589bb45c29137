namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>Writes <c>IXxxHandler</c>: one typed handler interface per event.</summary>
internal static class HandlerInterfaceEmitter
{
    public static string Emit(EmitContext context)
    {
        var writer = CatalogEmitter.Begin(context.Catalog);
        var first = true;
        foreach (var spec in context.Catalog.Events)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            var payload = context.Qualify(spec.TypeName);
            writer.Line($"/// <summary>Handles <see cref=\"{payload}\"/> (<c>{spec.Name}</c>): {SourceWriter.Xml(spec.Description)}</summary>");
            writer.Line($"/// <remarks>Attach an implementation with <see cref=\"global::Snakepit.Telemetry.TelemetryHub.Attach(string, object)\"/>. Keep it fast and never let it throw: a handler that throws is detached.</remarks>");
            writer.LineIfAny(EmitContext.Obsolete(spec.Deprecated));
            writer.Line($"[{CatalogEmitter.Runtime}.TelemetryHandlerInterface(typeof({payload}))]");
            writer.Line(CatalogEmitter.GeneratedCode);
            writer.Open("public interface " + spec.HandlerInterfaceName);
            writer.Line($"/// <summary>Called for every <c>{spec.Name}</c> event, on the emitting thread.</summary>");
            writer.Line("/// <param name=\"e\">The event.</param>");
            writer.Line($"void Handle(in {payload} e);");
            writer.Close();
        }

        return CatalogEmitter.End(writer);
    }
}
