#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices;

/// <summary>
/// The module initializer attribute for netstandard2.0, which lacks it: the compiler recognizes it by name, and the
/// runtime runs module initializers on every .NET. Snakepit's own catalog registers itself with it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class ModuleInitializerAttribute : Attribute
{
}
#endif
