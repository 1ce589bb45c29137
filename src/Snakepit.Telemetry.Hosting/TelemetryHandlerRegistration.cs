using System;

namespace Snakepit.Telemetry.Hosting;

/// <summary>A handler class to resolve from the container and attach when the host starts.</summary>
public sealed class TelemetryHandlerRegistration : IEquatable<TelemetryHandlerRegistration>
{
    /// <summary>Registers <paramref name="handlerType"/>, a class implementing <see cref="ITelemetryHandlerWiring"/>.</summary>
    public TelemetryHandlerRegistration(Type handlerType) => HandlerType = handlerType ?? throw new ArgumentNullException(nameof(handlerType));

    /// <summary>The handler class.</summary>
    public Type HandlerType { get; }

    /// <inheritdoc/>
    public bool Equals(TelemetryHandlerRegistration? other) => other is not null && other.HandlerType == HandlerType;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TelemetryHandlerRegistration);

    /// <inheritdoc/>
    public override int GetHashCode() => HandlerType.GetHashCode();
}
