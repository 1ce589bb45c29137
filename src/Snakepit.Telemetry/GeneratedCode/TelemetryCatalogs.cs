using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Snakepit.Telemetry;

/// <summary>
/// The catalogs of the process, as their generated code registers them: how <see cref="TelemetryHub.Attach(string, object)"/>
/// binds an object's handler interfaces without reflection, so that it works with Native AOT and trimming.
/// Supports generated code; not meant to be used directly.
/// </summary>
/// <remarks>
/// Every catalog compiled with C# 9 or later registers itself from a module initializer, which runs before any code of
/// its assembly (and, with Native AOT, at start-up). An assembly that has not run any code yet (a library whose
/// handler interfaces an app implements) is initialized on the first attach that needs it.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TelemetryCatalogs
{
    private static readonly object s_lock = new();
    private static volatile TelemetryInterfaceBinder[] s_binders = { BindRuntimeInterfaces };
    private static readonly object s_initializing = new();
    private static int s_assembliesSeen;

    /// <summary>Registers a catalog's binder (generated code calls this once per catalog; a repeat is ignored).</summary>
    public static void Register(TelemetryInterfaceBinder binder)
    {
        if (binder is null)
        {
            throw new ArgumentNullException(nameof(binder));
        }

        lock (s_lock)
        {
            if (Array.IndexOf(s_binders, binder) >= 0)
            {
                return;
            }

            var binders = new TelemetryInterfaceBinder[s_binders.Length + 1];
            s_binders.CopyTo(binders, 0);
            binders[binders.Length - 1] = binder;
            s_binders = binders;
        }
    }

    /// <summary>Binds every handler interface of every registered catalog that <paramref name="handler"/> implements.</summary>
    internal static void Bind(object handler, TelemetryHandlerBuilder builder)
    {
        foreach (var binder in s_binders)
        {
            binder(handler, builder);
        }
    }

    /// <summary>
    /// Runs the module initializers of loaded assemblies that carry a catalog and may not have run code yet, so their
    /// catalogs register (once per newly loaded assembly; a module initializer runs at most once anyway).
    /// </summary>
    internal static void InitializeNewlyLoadedCatalogs()
    {
        var assemblies = AppDomain.CurrentDomain.GetAssemblies();
        if (assemblies.Length == Volatile.Read(ref s_assembliesSeen))
        {
            return;
        }

        // One scan at a time, and the count is marked seen only once the initializers ran: an attach racing another
        // waits for the catalogs it initializes instead of binding without them. (Not s_lock: an initializer takes
        // that one to register.)
        lock (s_initializing)
        {
            assemblies = AppDomain.CurrentDomain.GetAssemblies();
            if (assemblies.Length == s_assembliesSeen)
            {
                return;
            }

            foreach (var assembly in assemblies)
            {
                if (assembly.IsDefined(typeof(TelemetryCatalogAttribute), inherit: false))
                {
                    RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
                }
            }

            Volatile.Write(ref s_assembliesSeen, assemblies.Length);
        }
    }

    /// <summary>The runtime's own handler interfaces: <see cref="ITelemetryHandlerFailureHandler"/>, <see cref="ITelemetryHandlerSlowHandler"/>.</summary>
    private static void BindRuntimeInterfaces(object handler, TelemetryHandlerBuilder builder)
    {
        if (handler is ITelemetryHandlerFailureHandler failures && !builder.Binds<TelemetryHandlerFailure>())
        {
            builder.On<TelemetryHandlerFailure>(failures.Handle);
        }

        if (handler is ITelemetryHandlerSlowHandler slow && !builder.Binds<TelemetryHandlerSlow>())
        {
            builder.On<TelemetryHandlerSlow>(slow.Handle);
        }
    }
}
