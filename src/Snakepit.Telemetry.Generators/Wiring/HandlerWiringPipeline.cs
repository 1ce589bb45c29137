using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Generators.Parsing;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators.Wiring;

/// <summary>
/// The catalog generator's second pipeline: the wiring of <c>[TelemetryHandler]</c> classes. Per class, attach under its
/// id; per assembly, <c>TelemetryHandlers.AttachAll</c>; with Snakepit.Telemetry.Hosting referenced,
/// <c>AddTelemetryHandlers()</c>. Classes are found with ForAttributeWithMetadataName and read into value-equatable
/// specs; the compilation's own catalogs come from the catalog pipeline's parse (never parsed twice).
/// </summary>
internal static class HandlerWiringPipeline
{
    /// <summary>Tracking names of the pipeline steps.</summary>
    public static class Steps
    {
        public const string HandlerClasses = nameof(HandlerClasses);
        public const string AssemblyNamespace = nameof(AssemblyNamespace);
        public const string HostingReferenced = nameof(HostingReferenced);
        public const string AssemblyHandlers = nameof(AssemblyHandlers);
        public const string LocalEvents = nameof(LocalEvents);
        public const string ResolvedHandlerClasses = nameof(ResolvedHandlerClasses);
    }

    /// <summary>Adds the wiring's steps and outputs to the catalog generator's pipeline.</summary>
    /// <param name="context">The generator's context.</param>
    /// <param name="catalogs">The compilation's catalogs, as the catalog pipeline parsed them.</param>
    /// <param name="languageVersion">The compilation's C# version.</param>
    public static void Register(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<CatalogParseResult> catalogs,
        IncrementalValueProvider<Microsoft.CodeAnalysis.CSharp.LanguageVersion> languageVersion)
    {
        var handlers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownTypeNames.TelemetryHandlerAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                static (ctx, ct) => HandlerClassReader.Read(ctx, ct))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(Steps.HandlerClasses);

        // Only the assembly name is taken from the compilation: a string, so unrelated edits stay cached.
        var assemblyNamespace = context.CompilationProvider
            .Select(static (compilation, _) => ToNamespace(compilation.AssemblyName))
            .WithTrackingName(Steps.AssemblyNamespace);

        var hostingReferenced = context.MetadataReferencesProvider
            .Where(static reference => Path.GetFileNameWithoutExtension(reference.Display ?? "") == "Snakepit.Telemetry.Hosting")
            .Collect()
            .Select(static (references, _) => references.Length > 0)
            .WithTrackingName(Steps.HostingReferenced);

        // Payloads and interfaces generated from this compilation's own catalogs are invisible to this generator's
        // symbols; the catalogs say what they will be.
        var localEvents = catalogs
            .Select(static (result, _) => result.Spec)
            .Collect()
            .Select(static (specs, _) => new EquatableArray<LocalEvent>(specs
                .Where(s => s is not null)
                .SelectMany(s => s!.Events.Select(e => new LocalEvent(
                    e.Name,
                    "global::" + s.Namespace + "." + e.TypeName,
                    e.TypeName,
                    "global::" + s.Namespace + "." + e.HandlerInterfaceName,
                    e.HandlerInterfaceName)))))
            .WithTrackingName(Steps.LocalEvents);

        handlers = handlers
            .Combine(localEvents)
            .Select(static (input, _) => HandlerClassReader.Resolve(input.Left, input.Right))
            .WithTrackingName(Steps.ResolvedHandlerClasses);

        // Generated code needs C# 8; on older versions the catalog generator's SNK106 says what to set.
        var languageSupported = languageVersion.Select(static (version, _) => LanguageVersions.CanGenerate(version));

        handlers = handlers
            .Combine(languageSupported)
            .Where(static input => input.Right)
            .Select(static (input, _) => input.Left);

        context.RegisterSourceOutput(handlers, static (spc, spec) =>
        {
            if (spec.HasBindings)
            {
                spc.AddSource(HandlerWiringEmitter.HintName(spec), SourceText.From(HandlerWiringEmitter.EmitClass(spec), Encoding.UTF8));
            }
        });

        var assembly = handlers
            .Collect()
            .Select(static (specs, _) => new EquatableArray<HandlerClassSpec>(specs))
            .Combine(assemblyNamespace)
            .Combine(hostingReferenced)
            .WithTrackingName(Steps.AssemblyHandlers);

        context.RegisterSourceOutput(assembly, static (spc, input) =>
        {
            var specs = input.Left.Left;
            var ns = input.Left.Right;
            if (specs.Count == 0)
            {
                return;
            }

            var list = specs.ToList();
            spc.AddSource("TelemetryHandlers.g.cs", SourceText.From(HandlerWiringEmitter.EmitAssembly(ns, list), Encoding.UTF8));
            if (input.Right)
            {
                spc.AddSource("TelemetryHandlers.Hosting.g.cs", SourceText.From(HandlerWiringEmitter.EmitHosting(ns, list), Encoding.UTF8));
            }
        });
    }

    /// <summary>The assembly name as a C# namespace: each dot-separated part made a valid identifier.</summary>
    internal static string ToNamespace(string? assemblyName)
    {
        var parts = (assemblyName ?? "Assembly").Split('.')
            .Select(part =>
            {
                var chars = part.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
                var identifier = new string(chars);
                return identifier.Length == 0 || char.IsDigit(identifier[0]) ? "_" + identifier : identifier;
            })
            .Select(identifier => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(identifier) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + identifier : identifier);
        return string.Join(".", parts);
    }
}
