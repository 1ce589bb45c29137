using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators.Wiring;

/// <summary>
/// Reads a [TelemetryHandler] class into a <see cref="HandlerClassSpec"/>. What cannot be wired (a class that is not
/// partial, a method whose signature does not fit) is left out here and reported by the analyzers instead, so the
/// generated code always compiles.
/// </summary>
internal static class HandlerClassReader
{
    private static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static HandlerClassSpec? Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || type.TypeKind != TypeKind.Class || !HandlerRules.IsPartialEverywhere(type))
        {
            return null;
        }

        var attribute = context.Attributes.FirstOrDefault();
        if (attribute is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].ScalarValue() is not string handlerId)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Resolved for this call only: pipeline models hold names, never symbols (they would root the compilation).
        var symbols = TelemetrySymbols.Create(context.SemanticModel.Compilation);
        var interfaces = new List<InterfaceBinding>();
        var bound = new HashSet<string>();
        foreach (var (handlerInterface, payload) in HandlerRules.HandlerInterfaces(type, symbols))
        {
            var payloadName = payload.ToDisplayString(FullyQualified);
            if (bound.Add(payloadName))
            {
                interfaces.Add(new InterfaceBinding(handlerInterface.ToDisplayString(FullyQualified), payloadName));
            }
        }

        // Interfaces generated from this compilation's own catalogs are not visible yet: keep their names.
        // An unresolved first entry of the base list is taken for the base class, so look there too.
        var unresolvedInterfaces = type.Interfaces.OfType<IErrorTypeSymbol>()
            .Concat(type.BaseType is IErrorTypeSymbol baseType ? new[] { baseType } : Enumerable.Empty<IErrorTypeSymbol>())
            .Select(i => i.Name)
            .Distinct()
            .ToList();

        var methods = new List<MethodBinding>();
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary))
        {
            var names = HandlerRules.OnEventNames(method, symbols).Select(n => n.EventName).ToList();
            if (names.Count == 0)
            {
                continue;
            }

            var takesIn = method.Parameters.Length == 1 && method.Parameters[0].RefKind == RefKind.In;
            var patterns = names.Where(n => HandlerRules.IsPattern(n) && IsValidPattern(n)).Distinct().ToList();
            if (patterns.Count > 0 && HandlerRules.CheckGeneric(method, symbols) == SignatureProblem.None)
            {
                methods.Add(new MethodBinding(method.Name, null, takesIn, new EquatableArray<string>(patterns)));
                continue;
            }

            var exact = names.FirstOrDefault(n => !HandlerRules.IsPattern(n) && HandlerRules.CheckTyped(method, n, null, symbols) == SignatureProblem.None);
            if (exact is not null)
            {
                var payloadName = method.Parameters[0].Type.ToDisplayString(FullyQualified);
                if (bound.Add(payloadName))
                {
                    methods.Add(new MethodBinding(method.Name, payloadName, takesIn, EquatableArray<string>.Empty));
                }
            }
            else if (method.Parameters.Length == 1 && method.Parameters[0].Type is IErrorTypeSymbol unresolved &&
                     names.Count(n => !HandlerRules.IsPattern(n)) == 1 &&
                     HandlerRules.CheckTyped(method, names.First(n => !HandlerRules.IsPattern(n)), null, symbols) == SignatureProblem.WrongPayload)
            {
                methods.Add(new MethodBinding(method.Name, null, takesIn, EquatableArray<string>.Empty, unresolved.Name, names.First(n => !HandlerRules.IsPattern(n))));
            }
        }

        var containing = new List<string>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, Declaration(outer));
        }

        return new HandlerClassSpec(
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            new EquatableArray<string>(containing),
            Declaration(type),
            NameWithTypeParameters(type),
            type.ToDisplayString(FullyQualified),
            handlerId,
            CanBeCreated(type),
            IsReachable(type),
            new EquatableArray<InterfaceBinding>(interfaces),
            new EquatableArray<MethodBinding>(methods),
            new EquatableArray<string>(unresolvedInterfaces),
            attribute.NamedArguments.FirstOrDefault(a => a.Key == "Dispatch").Value.ScalarValue() is int mode ? (HandlerDispatch)mode : HandlerDispatch.Inline,
            attribute.NamedArguments.FirstOrDefault(a => a.Key == "QueueCapacity").Value.ScalarValue() is int capacity ? capacity : HandlerClassSpec.DefaultQueueCapacity);
    }

    /// <summary>
    /// Binds what refers to types of this compilation's own catalogs: handler interfaces by name, [OnEvent] methods
    /// by event name (the payload type name written in the method must be the event's). What still does not resolve
    /// is left out; the compiler and the analyzers report it.
    /// </summary>
    public static HandlerClassSpec Resolve(HandlerClassSpec spec, EquatableArray<LocalEvent> localEvents)
    {
        if (spec.UnresolvedInterfaces.Count == 0 && spec.Methods.All(m => m.UnresolvedPayload is null))
        {
            return spec;
        }

        var bound = new HashSet<string>(spec.Interfaces.Select(i => i.PayloadType).Concat(spec.Methods.Where(m => m.PayloadType is not null).Select(m => m.PayloadType!)));
        var interfaces = spec.Interfaces.ToList();
        foreach (var name in spec.UnresolvedInterfaces)
        {
            var match = localEvents.FirstOrDefault(e => e.SimpleInterfaceName == name);
            if (match is not null && bound.Add(match.PayloadType))
            {
                interfaces.Add(new InterfaceBinding(match.HandlerInterface, match.PayloadType));
            }
        }

        var methods = new List<MethodBinding>();
        foreach (var method in spec.Methods)
        {
            if (method.UnresolvedPayload is null)
            {
                methods.Add(method);
                continue;
            }

            var match = localEvents.FirstOrDefault(e => e.Name == method.EventName && e.SimpleTypeName == method.UnresolvedPayload);
            if (match is not null && bound.Add(match.PayloadType))
            {
                methods.Add(new MethodBinding(method.MethodName, match.PayloadType, method.TakesIn, EquatableArray<string>.Empty));
            }
        }

        return spec with
        {
            Interfaces = new EquatableArray<InterfaceBinding>(interfaces),
            Methods = new EquatableArray<MethodBinding>(methods),
            UnresolvedInterfaces = EquatableArray<string>.Empty,
        };
    }

    private static bool IsValidPattern(string pattern) => Snakepit.Telemetry.Shared.EventPatterns.Problem(pattern) is null;

    private static string Declaration(INamedTypeSymbol type)
    {
        var keyword = type.TypeKind switch
        {
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            TypeKind.Interface => "interface",
            _ => type.IsRecord ? "record" : "class",
        };
        return "partial " + keyword + " " + NameWithTypeParameters(type);
    }

    private static string NameWithTypeParameters(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0 ? type.Name : type.Name + "<" + string.Join(", ", type.TypeParameters.Select(t => t.Name)) + ">";

    private static bool IsGenericAnywhere(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether generated assembly-level code can name the type: not generic, and public or internal all the way out.</summary>
    private static bool IsReachable(INamedTypeSymbol type)
    {
        if (IsGenericAnywhere(type))
        {
            return false;
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <c>new T()</c> compiles from generated assembly-level code.</summary>
    private static bool CanBeCreated(INamedTypeSymbol type) =>
        !type.IsAbstract && !type.IsStatic && IsReachable(type) &&
        type.InstanceConstructors.Any(c => c.Parameters.Length == 0 &&
            c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal);
}
