using System.Linq;
using Microsoft.CodeAnalysis;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>A handler body: what the runtime calls for an event.</summary>
internal sealed class HandlerBody
{
    private readonly bool _boundInBackground;
    private readonly INamedTypeSymbol? _handlerAttribute;

    public HandlerBody(TelemetrySymbols symbols, IOperation body, string name, IMethodSymbol? method, INamedTypeSymbol? containingType, ITypeSymbol? payloadType, string? handlerIdExpression, bool boundInBackground = false)
    {
        _boundInBackground = boundInBackground;
        _handlerAttribute = symbols.TelemetryHandlerAttribute;
        Body = body;
        Name = name;
        Method = method;
        ContainingType = containingType;
        PayloadType = payloadType;
        HandlerIdExpression = handlerIdExpression;
    }

    /// <summary>The body's operation (a method body, or a lambda's).</summary>
    public IOperation Body { get; }

    /// <summary>The method name, or "lambda" for an anonymous function.</summary>
    public string Name { get; }

    /// <summary>The handler method; null for a lambda.</summary>
    public IMethodSymbol? Method { get; }

    public INamedTypeSymbol? ContainingType { get; }

    /// <summary>The payload type (or TEvent) the handler takes.</summary>
    public ITypeSymbol? PayloadType { get; }

    /// <summary>An expression of the handler's id valid in its body (see <see cref="HandlerBodies.IdExpression"/>), or null.</summary>
    public string? HandlerIdExpression { get; }

    /// <summary>
    /// Whether the handler runs in the background (off the emitting thread): bound by a TelemetryHandlerBuilder set to
    /// <c>WithDispatch(TelemetryDispatchMode.Background)</c>, or a method of a [TelemetryHandler] class that says so.
    /// </summary>
    public bool RunsInBackground => _boundInBackground || Method is not null && ContainingType?.GetAttributes()
        .Where(a => TelemetrySymbols.IsAttribute(a, _handlerAttribute))
        .Any(a => a.NamedArguments.Any(n => n.Key == "Dispatch" && n.Value.ScalarValue() is int mode && mode != 0)) == true;

    /// <summary>Whether the handler belongs to a [TelemetryHandler] class (its dispatch mode can be set there).</summary>
    public bool InAnnotatedClass => Method is not null && ContainingType is not null && TelemetrySymbols.Attribute(ContainingType, _handlerAttribute) is not null;
}
