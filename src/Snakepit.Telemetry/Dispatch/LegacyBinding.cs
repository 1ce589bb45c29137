using System;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// Binding by reflection, for handler interfaces of catalogs compiled with C# 8, which cannot have the module
/// initializer that registers a catalog's binder. Only where code can be generated at run time (the JIT): a Native AOT
/// app compiles its catalogs with C# 9 or later, and gets the generated binders.
/// </summary>
internal static class LegacyBinding
{
#if NET
    public static bool IsAvailable => System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported;
#else
    public static bool IsAvailable => true;
#endif

    /// <summary>Binds each interface marked <see cref="TelemetryHandlerInterfaceAttribute"/> that <paramref name="handler"/> implements.</summary>
#if NET
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reached only when no generated binder knows the object's interfaces: catalogs compiled with C# 8, which trimmed and AOT apps (C# 11 and later) do not have.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Guarded by RuntimeFeature.IsDynamicCodeSupported (IsAvailable).")]
#endif
    public static void BindByReflection(object handler, TelemetryHandlerBuilder builder) => Bind(handler, builder);

#if NET
    [RequiresUnreferencedCode("Reads the handler's interfaces and their Handle methods by reflection.")]
    [RequiresDynamicCode("Makes TelemetryCallback<TEvent> and registers TEvent for event types known only at run time.")]
#endif
    private static void Bind(object handler, TelemetryHandlerBuilder builder)
    {
        foreach (var candidate in handler.GetType().GetInterfaces())
        {
            var attribute = candidate.GetCustomAttribute<TelemetryHandlerInterfaceAttribute>();
            if (attribute is null || builder.Callbacks.ContainsKey(attribute.EventType))
            {
                continue;
            }

            var interfaceMethod = candidate.GetMethod("Handle") ??
                throw new ArgumentException($"Handler interface {candidate.FullName} has no Handle method.", nameof(handler));

            // Bound to the interface method itself: the call dispatches through the interface, like a direct call would.
            var callbackType = typeof(TelemetryCallback<>).MakeGenericType(attribute.EventType);
            builder.Callbacks.Add(attribute.EventType, Delegate.CreateDelegate(callbackType, handler, interfaceMethod));
            builder.Events.Add(EventRegistry.GetOrRegister(attribute.EventType));
        }
    }
}
