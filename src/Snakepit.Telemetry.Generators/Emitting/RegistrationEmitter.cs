namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// Writes the catalog's registration: a binder that tests an object against each of the catalog's handler interfaces
/// (plain type tests, so <c>TelemetryHub.Attach(string, object)</c> needs no reflection and works with Native AOT),
/// registered from a module initializer. Only for C# 9 or later with <c>ModuleInitializerAttribute</c> available.
/// </summary>
internal static class RegistrationEmitter
{
    public static string Emit(EmitContext context)
    {
        var catalog = context.Catalog;
        var runtime = CatalogEmitter.Runtime;
        var writer = CatalogEmitter.Begin(catalog);
        writer.Open($"public static partial class {catalog.ClassName}");
        writer.Line("/// <summary>Binds each handler interface of this catalog that <paramref name=\"handler\"/> implements and <paramref name=\"builder\"/> does not bind yet.</summary>");
        writer.Line("/// <param name=\"handler\">The object being attached.</param>");
        writer.Line("/// <param name=\"builder\">The bindings of the handler.</param>");
        writer.Line(CatalogEmitter.GeneratedCode);
        writer.Open($"internal static void __BindHandlerInterfaces(object handler, {runtime}.TelemetryHandlerBuilder builder)");
        foreach (var spec in catalog.Events)
        {
            // A type test and a cast, no pattern variable: thousands of pattern locals in one method made the
            // compiler's flow analysis grow with the square of the catalog (measured: 10,000 events).
            var payload = context.Qualify(spec.TypeName);
            var handlerInterface = context.Qualify(spec.HandlerInterfaceName);
            writer.Open($"if (handler is {handlerInterface} && !builder.Binds<{payload}>())");
            writer.Line($"builder.On<{payload}>((({handlerInterface})handler).Handle);");
            writer.Close();
        }

        writer.Close();
        writer.Line();
        writer.Line("/// <summary>Registers the catalog with the runtime when its assembly starts (with Native AOT: when the process starts): its binder, and each event's frequency class for sampling.</summary>");
        writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        writer.Line(CatalogEmitter.GeneratedCode);
        writer.Open("internal static void __RegisterCatalog()");
        writer.Line($"{runtime}.TelemetryCatalogs.Register(__BindHandlerInterfaces);");
        writer.Open($"{runtime}.TelemetryConfiguration.RegisterFrequencies(new global::System.Collections.Generic.KeyValuePair<string, string>[]");
        foreach (var spec in catalog.Events)
        {
            writer.Line($"new global::System.Collections.Generic.KeyValuePair<string, string>({SourceWriter.Literal(spec.Name)}, {SourceWriter.Literal(spec.Frequency)}),");
        }

        writer.Close(");");
        writer.Close();
        writer.Close();
        return CatalogEmitter.End(writer);
    }
}
