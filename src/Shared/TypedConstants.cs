// Linked into the analyzers and the generators: attribute arguments read the same, and safely, everywhere.
using Microsoft.CodeAnalysis;

namespace Snakepit.Telemetry.Shared;

/// <summary>Reading attribute arguments that may not have the shape the rules expect.</summary>
internal static class TypedConstants
{
    /// <summary>
    /// The value of a single-valued argument, or null for an array: <see cref="TypedConstant.Value"/> throws on an
    /// array, which an attribute of Snakepit's name declared again in source (with array parameters) passes where a
    /// string, a type or a number is expected.
    /// </summary>
    public static object? ScalarValue(this TypedConstant constant) =>
        constant.Kind == TypedConstantKind.Array ? null : constant.Value;
}
