using System.Collections.Generic;
using System.Linq;
using Snakepit.Telemetry.Generators.Emitting;

namespace Snakepit.Telemetry.Generators.Wiring;

/// <summary>
/// Writes the wiring of annotated handlers: per class, <c>ITelemetryHandlerWiring</c> (attach under its id); per
/// assembly, <c>TelemetryHandlers.AttachAll/DetachAll</c>; and, where Snakepit.Telemetry.Hosting is referenced,
/// <c>services.AddTelemetryHandlers()</c>.
/// </summary>
internal static class HandlerWiringEmitter
{
    private const string Runtime = "global::Snakepit.Telemetry";

    public static string HintName(HandlerClassSpec spec) =>
        spec.FullyQualifiedName.Replace("global::", "").Replace('<', '{').Replace('>', '}') + ".TelemetryHandler.g.cs";

    public static string EmitClass(HandlerClassSpec spec)
    {
        var writer = Header();
        if (spec.Namespace is not null)
        {
            writer.Open("namespace " + spec.Namespace);
        }

        foreach (var outer in spec.ContainingTypeDeclarations)
        {
            writer.Open(outer);
        }

        writer.Open($"{spec.Declaration} : {Runtime}.ITelemetryHandlerWiring");
        writer.Line($"/// <summary>The handler id of this class, from <c>[TelemetryHandler]</c>.</summary>");
        writer.Line($"public const string TelemetryHandlerId = {SourceWriter.Literal(spec.HandlerId)};");
        writer.Line();
        writer.Line(GeneratedFile.MemberAttributes);
        writer.Line($"string {Runtime}.ITelemetryHandlerWiring.HandlerId => TelemetryHandlerId;");
        writer.Line();
        writer.Line(GeneratedFile.MemberAttributes);
        writer.Open($"void {Runtime}.ITelemetryHandlerWiring.AttachTo({Runtime}.TelemetryHub hub)");
        writer.Line($"var builder = new {Runtime}.TelemetryHandlerBuilder(TelemetryHandlerId, this);");
        writer.Line($"(({Runtime}.ITelemetryHandlerWiring)this).Bind(builder);");
        writer.Line("hub.Attach(builder);");
        writer.Close();
        writer.Line();
        writer.Line(GeneratedFile.MemberAttributes);
        writer.Open($"void {Runtime}.ITelemetryHandlerWiring.Bind({Runtime}.TelemetryHandlerBuilder builder)");
        if (spec.Dispatch != HandlerDispatch.Inline)
        {
            writer.Line($"builder.WithDispatch({DispatchMode(spec.Dispatch)}, {QueueCapacity(spec.QueueCapacity)});");
        }

        foreach (var binding in spec.Interfaces)
        {
            writer.Line($"builder.On<{binding.PayloadType}>((({binding.InterfaceType})this).Handle);");
        }

        var adapter = 0;
        foreach (var method in spec.Methods)
        {
            if (method.PayloadType is not null)
            {
                writer.Line(method.TakesIn
                    ? $"builder.On<{method.PayloadType}>(this.{method.MethodName});"
                    : $"builder.On<{method.PayloadType}>((in {method.PayloadType} e) => this.{method.MethodName}(e));");
            }
            else
            {
                var patterns = string.Join(", ", method.Patterns.Select(SourceWriter.Literal));
                writer.Line($"builder.OnEvents(new __SnakepitAdapter{adapter++}(this), {patterns});");
            }
        }

        writer.Close();

        adapter = 0;
        foreach (var method in spec.Methods.Where(m => m.PayloadType is null))
        {
            writer.Line();
            writer.Line($"/// <summary>Calls <c>{method.MethodName}</c> for every event matching {string.Join(", ", method.Patterns)}.</summary>");
            writer.Line(GeneratedFile.MemberAttributes);
            writer.Open($"private sealed class __SnakepitAdapter{adapter} : {Runtime}.ITelemetryHandler");
            writer.Line($"private readonly {spec.TypeName} _owner;");
            writer.Line();
            writer.Line($"public __SnakepitAdapter{adapter}({spec.TypeName} owner) => _owner = owner;");
            writer.Line();
            writer.Line($"public void Handle<TEvent>(in TEvent e)");
            writer.Line($"    where TEvent : struct, {Runtime}.ITelemetryEvent => _owner.{method.MethodName}({(method.TakesIn ? "in " : "")}e);");
            writer.Close();
            adapter++;
        }

        writer.Close();
        foreach (var _ in spec.ContainingTypeDeclarations)
        {
            writer.Close();
        }

        if (spec.Namespace is not null)
        {
            writer.Close();
        }

        return writer.ToString();
    }

    public static string EmitAssembly(string @namespace, IReadOnlyList<HandlerClassSpec> handlers)
    {
        var reachable = handlers.Where(h => h.IsReachable && h.HasBindings).OrderBy(h => h.FullyQualifiedName, System.StringComparer.Ordinal).ToList();
        var creatable = reachable.Where(h => h.CanBeCreated).ToList();
        var manual = reachable.Where(h => !h.CanBeCreated).ToList();

        var writer = Header();
        writer.Open("namespace " + @namespace);
        writer.Line("/// <summary>");
        writer.Line("/// Every <c>[TelemetryHandler]</c> class of this assembly. <see cref=\"AttachAll\"/> creates and attaches the classes");
        writer.Line("/// that have a parameterless constructor; attach the others by hand (<c>hub.Attach(new MyHandler(...))</c>) or");
        writer.Line("/// through the container (<c>services.AddTelemetryHandlers()</c> with Snakepit.Telemetry.Hosting).");
        writer.Line("/// </summary>");
        if (manual.Count > 0)
        {
            writer.Line($"/// <remarks>Not created by AttachAll (no parameterless constructor): {SourceWriter.Xml(string.Join(", ", manual.Select(m => m.FullyQualifiedName.Replace("global::", ""))))}.</remarks>");
        }

        writer.Line(CatalogEmitter.GeneratedCode);
        writer.Open("internal static class TelemetryHandlers");
        writer.Line("/// <summary>The handler ids of every annotated class of this assembly.</summary>");
        writer.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> HandlerIds {{ get; }} = new string[] {{ {string.Join(", ", reachable.Select(h => h.FullyQualifiedName + ".TelemetryHandlerId"))} }};");
        writer.Line();
        writer.Line("/// <summary>Creates and attaches every annotated class that has a parameterless constructor. If one fails to attach, those attached before it are detached again.</summary>");
        writer.Line("/// <param name=\"hub\">The hub; <see cref=\"global::Snakepit.Telemetry.TelemetryHub.Default\"/> when null.</param>");
        writer.Line("/// <returns>The attached handlers.</returns>");
        writer.Open($"public static global::System.Collections.Generic.IReadOnlyList<{Runtime}.ITelemetryHandlerWiring> AttachAll({Runtime}.TelemetryHub? hub = null)");
        writer.Line($"hub ??= {Runtime}.TelemetryHub.Default;");
        writer.Line($"var attached = new global::System.Collections.Generic.List<{Runtime}.ITelemetryHandlerWiring>({creatable.Count});");
        writer.Open("try");
        foreach (var handler in creatable)
        {
            writer.Line($"Attach(hub, new {handler.FullyQualifiedName}(), attached);");
        }

        writer.Close();
        writer.Open("catch");
        writer.Open("foreach (var handler in attached)");
        writer.Line("hub.Detach(handler.HandlerId);");
        writer.Close();
        writer.Line();
        writer.Line("throw;");
        writer.Close();
        writer.Line();
        writer.Line("return attached;");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>Detaches every annotated handler of this assembly, by id.</summary>");
        writer.Line("/// <param name=\"hub\">The hub; <see cref=\"global::Snakepit.Telemetry.TelemetryHub.Default\"/> when null.</param>");
        writer.Open($"public static void DetachAll({Runtime}.TelemetryHub? hub = null)");
        writer.Line($"hub ??= {Runtime}.TelemetryHub.Default;");
        writer.Open("foreach (var id in HandlerIds)");
        writer.Line("hub.Detach(id);");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Open($"private static void Attach({Runtime}.TelemetryHub hub, {Runtime}.ITelemetryHandlerWiring handler, global::System.Collections.Generic.List<{Runtime}.ITelemetryHandlerWiring> attached)");
        writer.Line("handler.AttachTo(hub);");
        writer.Line("attached.Add(handler);");
        writer.Close();
        writer.Close();
        writer.Close();
        writer.Line();
        EmitHubExtensions(writer, @namespace);
        return writer.ToString();
    }

    /// <summary>
    /// <c>TelemetryHub.Default.AttachHandlers()</c> and <c>DetachHandlers()</c>: the assembly's <c>TelemetryHandlers</c>
    /// reached from the hub, in the runtime's namespace, so that code in any namespace (a Program.cs of top-level
    /// statements, in an app of any name) finds them with <c>using Snakepit.Telemetry;</c>. Internal, and named after the
    /// assembly, so that assemblies that see each other's internals never declare the same type.
    /// </summary>
    private static void EmitHubExtensions(SourceWriter writer, string @namespace)
    {
        var handlers = "global::" + @namespace + ".TelemetryHandlers";
        writer.Open("namespace Snakepit.Telemetry");
        writer.Line($"/// <summary>Attaches and detaches the <c>[TelemetryHandler]</c> classes of this assembly (<see cref=\"{handlers}\"/>) from a hub.</summary>");
        writer.Line(CatalogEmitter.GeneratedCode);
        writer.Open($"internal static class {HubExtensionsClassName(@namespace)}");
        writer.Line($"/// <summary>Creates and attaches every <c>[TelemetryHandler]</c> class of this assembly that has a parameterless constructor (<see cref=\"{handlers}.AttachAll\"/>).</summary>");
        writer.Line("/// <param name=\"hub\">The hub, such as <see cref=\"global::Snakepit.Telemetry.TelemetryHub.Default\"/>.</param>");
        writer.Line("/// <returns>The attached handlers.</returns>");
        writer.Line($"public static global::System.Collections.Generic.IReadOnlyList<{Runtime}.ITelemetryHandlerWiring> AttachHandlers(this {Runtime}.TelemetryHub hub) => {handlers}.AttachAll(hub ?? throw new global::System.ArgumentNullException(nameof(hub)));");
        writer.Line();
        writer.Line($"/// <summary>Detaches every <c>[TelemetryHandler]</c> class of this assembly, by id (<see cref=\"{handlers}.DetachAll\"/>).</summary>");
        writer.Line("/// <param name=\"hub\">The hub the handlers were attached to.</param>");
        writer.Line($"public static void DetachHandlers(this {Runtime}.TelemetryHub hub) => {handlers}.DetachAll(hub ?? throw new global::System.ArgumentNullException(nameof(hub)));");
        writer.Close();
        writer.Close();
    }

    /// <summary>The hub extensions' class: the assembly's namespace without dots, then <c>TelemetryHandlerExtensions</c>.</summary>
    internal static string HubExtensionsClassName(string @namespace) =>
        @namespace.Replace("@", "").Replace(".", "") + "TelemetryHandlerExtensions";

    public static string EmitHosting(string @namespace, IReadOnlyList<HandlerClassSpec> handlers)
    {
        var reachable = handlers.Where(h => h.IsReachable && h.HasBindings).OrderBy(h => h.FullyQualifiedName, System.StringComparer.Ordinal).ToList();
        var writer = Header();

        // In the namespace of IServiceCollection itself, as Microsoft's own Add* extensions are: a Program.cs that can
        // write 'builder.Services' finds it with no using of its own. Internal, so assemblies never clash.
        writer.Open("namespace Microsoft.Extensions.DependencyInjection");
        writer.Line($"/// <summary>Registers the <c>[TelemetryHandler]</c> classes of this assembly (<c>{@namespace}</c>) with Microsoft.Extensions.Hosting.</summary>");
        writer.Line(CatalogEmitter.GeneratedCode);
        writer.Open("internal static class SnakepitTelemetryHandlersServiceCollectionExtensions");
        writer.Line("/// <summary>");
        writer.Line("/// Registers every <c>[TelemetryHandler]</c> class of this assembly as a singleton (created by the container, with");
        writer.Line("/// constructor injection) and attaches them when the host starts, detaching them when it stops.");
        writer.Line("/// </summary>");
        writer.Open("public static global::Microsoft.Extensions.DependencyInjection.IServiceCollection AddTelemetryHandlers(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services)");
        foreach (var handler in reachable)
        {
            writer.Line($"global::Snakepit.Telemetry.Hosting.TelemetryHandlerServiceCollectionExtensions.AddTelemetryHandler<{handler.FullyQualifiedName}>(services);");
        }

        writer.Line("return services;");
        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>The dispatch mode by name (a value the runtime does not know yet stays a cast, and fails there).</summary>
    private static string DispatchMode(HandlerDispatch mode) => mode switch
    {
        HandlerDispatch.Inline => Runtime + ".TelemetryDispatchMode.Inline",
        HandlerDispatch.Background => Runtime + ".TelemetryDispatchMode.Background",
        _ => $"({Runtime}.TelemetryDispatchMode){(int)mode}",
    };

    /// <summary>The capacity as written in the attribute, or the runtime's named default.</summary>
    private static string QueueCapacity(int capacity) =>
        capacity == HandlerClassSpec.DefaultQueueCapacity ? Runtime + ".TelemetryHandlerBuilder.DefaultQueueCapacity" : capacity.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static SourceWriter Header() => GeneratedFile.Begin("[TelemetryHandler] classes");
}
