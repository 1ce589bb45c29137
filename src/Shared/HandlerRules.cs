using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Snakepit.Telemetry.Shared;

/// <summary>
/// The rules of annotated handlers, shared by the wiring generator (which skips what breaks them) and the
/// analyzers (which report it): what a handler class, an [OnEvent] method and an event payload are. The rules compare
/// with the compilation's <see cref="TelemetrySymbols"/>, never with display strings.
/// </summary>
internal static class HandlerRules
{
    /// <summary>A prefix pattern (<c>a.b.*</c>) or every event (<c>*</c>): bound through the generic path.</summary>
    public static bool IsPattern(string eventName) => Snakepit.Telemetry.Shared.EventPatterns.IsPattern(eventName);

    /// <summary>Whether <paramref name="type"/> is a generated event payload, and its event name.</summary>
    public static bool IsEventPayload(ITypeSymbol? type, TelemetrySymbols symbols, out string eventName)
    {
        eventName = "";
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct } named || !IsTelemetryEvent(named, symbols))
        {
            return false;
        }

        var nameField = named.GetMembers("Name").OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst && f.ConstantValue is string);
        if (nameField is null)
        {
            return false;
        }

        eventName = (string)nameField.ConstantValue!;
        return true;
    }

    /// <summary>Whether <paramref name="type"/> implements ITelemetryEvent.</summary>
    public static bool IsTelemetryEvent(ITypeSymbol type, TelemetrySymbols symbols) =>
        symbols.TelemetryEvent is { } telemetryEvent && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, telemetryEvent));

    /// <summary>The payload type a generated handler interface handles (from its [TelemetryHandlerInterface]).</summary>
    public static INamedTypeSymbol? HandledPayload(INamedTypeSymbol handlerInterface, TelemetrySymbols symbols)
    {
        if (symbols.HandlerInterfaceAttribute is not { } handlerInterfaceAttribute)
        {
            return null;
        }

        foreach (var attribute in handlerInterface.GetAttributes())
        {
            if (TelemetrySymbols.IsAttribute(attribute, handlerInterfaceAttribute) &&
                attribute.ConstructorArguments.Length == 1 &&
                attribute.ConstructorArguments[0].ScalarValue() is INamedTypeSymbol payload)
            {
                return payload;
            }
        }

        return null;
    }

    /// <summary>The generated handler interfaces the class implements, with their payloads.</summary>
    public static ImmutableArray<(INamedTypeSymbol Interface, INamedTypeSymbol Payload)> HandlerInterfaces(INamedTypeSymbol type, TelemetrySymbols symbols) =>
        type.AllInterfaces
            .Select(i => (Interface: i, Payload: HandledPayload(i, symbols)))
            .Where(p => p.Payload is not null)
            .Select(p => (p.Interface, p.Payload!))
            .ToImmutableArray();

    /// <summary>The event names and patterns of the method's [OnEvent] attributes.</summary>
    public static ImmutableArray<(string EventName, AttributeData Attribute)> OnEventNames(IMethodSymbol method, TelemetrySymbols symbols)
    {
        if (symbols.OnEventAttribute is not { } onEventAttribute)
        {
            return ImmutableArray<(string, AttributeData)>.Empty;
        }

        return method.GetAttributes()
            .Where(a => TelemetrySymbols.IsAttribute(a, onEventAttribute) && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].ScalarValue() is string)
            .Select(a => ((string)a.ConstructorArguments[0].ScalarValue()!, a))
            .ToImmutableArray();
    }

    /// <summary>Checks an [OnEvent] method bound to one event, whose payload type has the event's name.</summary>
    public static SignatureProblem CheckTyped(IMethodSymbol method, string eventName, INamedTypeSymbol? expectedPayload, TelemetrySymbols symbols)
    {
        var common = CheckCommon(method);
        if (common != SignatureProblem.None)
        {
            return common;
        }

        if (method.IsGenericMethod)
        {
            return SignatureProblem.GenericNotAllowed;
        }

        var parameter = method.Parameters[0];
        if (expectedPayload is not null)
        {
            return SymbolEqualityComparer.Default.Equals(parameter.Type, expectedPayload) ? SignatureProblem.None : SignatureProblem.WrongPayload;
        }

        return IsEventPayload(parameter.Type, symbols, out var name) && name == eventName ? SignatureProblem.None : SignatureProblem.WrongPayload;
    }

    /// <summary>Checks an [OnEvent] method bound to a prefix: <c>void M&lt;TEvent&gt;(in TEvent e) where TEvent : struct, ITelemetryEvent</c>.</summary>
    public static SignatureProblem CheckGeneric(IMethodSymbol method, TelemetrySymbols symbols)
    {
        var common = CheckCommon(method);
        if (common != SignatureProblem.None)
        {
            return common;
        }

        if (method.TypeParameters.Length != 1)
        {
            return SignatureProblem.MustBeGeneric;
        }

        var typeParameter = method.TypeParameters[0];
        if (!SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, typeParameter))
        {
            return SignatureProblem.MustBeGeneric;
        }

        var constraintsOk =
            !typeParameter.HasReferenceTypeConstraint &&
            !typeParameter.HasUnmanagedTypeConstraint &&
            !typeParameter.HasConstructorConstraint &&
            typeParameter.ConstraintTypes.All(t => TelemetrySymbols.Is(t, symbols.TelemetryEvent)) &&
            typeParameter.HasValueTypeConstraint &&
            typeParameter.ConstraintTypes.Length == 1;
        return constraintsOk ? SignatureProblem.None : SignatureProblem.BadConstraints;
    }

    private static SignatureProblem CheckCommon(IMethodSymbol method)
    {
        if (method.IsStatic)
        {
            return SignatureProblem.Static;
        }

        if (method.IsAsync)
        {
            return SignatureProblem.Async;
        }

        if (!method.ReturnsVoid)
        {
            return SignatureProblem.NotVoid;
        }

        if (method.Parameters.Length != 1)
        {
            return SignatureProblem.ParameterCount;
        }

        return method.Parameters[0].RefKind is RefKind.None or RefKind.In ? SignatureProblem.None : SignatureProblem.RefOrOut;
    }

    /// <summary>Whether every declaration of the type and of its containing types is <c>partial</c>.</summary>
    public static bool IsPartialEverywhere(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaringSyntaxReferences.Length == 0)
            {
                return false;
            }

            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not TypeDeclarationSyntax declaration ||
                    !declaration.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The C# signature a handler method must have, for messages and code fixes.</summary>
    public static string ExpectedSignature(string methodName, string eventName, string? payloadTypeName) =>
        IsPattern(eventName)
            ? $"void {methodName}<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent"
            : $"void {methodName}(in {payloadTypeName ?? "<payload of " + eventName + ">"} e)";
}
