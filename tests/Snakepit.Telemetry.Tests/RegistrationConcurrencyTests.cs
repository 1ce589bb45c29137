using System;
using System.Diagnostics;
using System.Reflection;
using System.Reflection.Emit;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Dispatch;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>Repros from the concurrency review of the registration, configuration and timing code (process-wide state, so one test at a time).</summary>
[Collection(DefaultHubCollection.Name)]
public sealed class RecorderConcurrencyTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public void Dispose() => TelemetryConfiguration.Apply(new TelemetrySettings());

    /// <summary>
    /// EventRegistry.GetOrRegister configures a new type (reads the settings) before publishing it in EventRegistry.All,
    /// without the configuration lock; an Apply in between reconfigures All without it: the new type keeps the old settings.
    /// </summary>
    [Fact]
    public void Apply_racing_the_first_registration_of_an_event_type_is_not_lost()
    {
        // A frequency-class key makes Configure take the configuration lock (FrequencyOf) after it has read the
        // settings: holding that lock parks the registering thread exactly inside the window.
        var before = new TelemetrySettings();
        before.Sampling["low"] = 0.5;
        TelemetryConfiguration.Apply(before);
        var configLock = typeof(TelemetryConfiguration).GetField("s_lock", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

        EventType? registered = null;
        var registering = new Thread(() => registered = EventRegistry.GetOrRegister<FreshEvent<ConfigRaceTag>>());
        lock (configLock)
        {
            registering.Start();
            Assert.True(
                SpinWait.SpinUntil(() => (registering.ThreadState & System.Threading.ThreadState.WaitSleepJoin) != 0, Limit),
                "the registering thread never blocked on the configuration lock");

            var after = new TelemetrySettings();
            after.Exclude.Add("test.fresh");
            TelemetryConfiguration.Apply(after); // re-entrant: we hold the lock
        }

        registering.Join();
        Assert.False(TelemetryConfiguration.Explain("test.fresh").Allowed);
        Assert.False(registered!.Allowed, "settings in force exclude 'test.fresh', but the type registered during Apply still lets emitters emit it");
    }

    /// <summary>
    /// InitializeNewlyLoadedCatalogs marks the assembly count as seen before it has run the module initializers: a
    /// second attach in the meantime skips them and binds without the catalog's binder.
    /// </summary>
    [Fact]
    public void An_attach_racing_the_catalog_initializer_of_a_newly_loaded_assembly_binds_its_interfaces()
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        CatalogRaceHook.Entered = entered;
        CatalogRaceHook.Release = release;
        CatalogRaceHook.Binder = (handler, builder) =>
        {
            if (handler is CatalogRaceHandler && !builder.Binds<FreshEvent<CatalogRaceTag>>())
            {
                builder.On((in FreshEvent<CatalogRaceTag> e) => { });
            }
        };
        DefineCatalogAssemblyWithBlockingInitializer();

        using var hubA = new TelemetryHub();
        using var hubB = new TelemetryHub();
        Exception? firstFailure = null;
        var first = new Thread(() => firstFailure = Record.Exception(() => hubA.Attach("a", new CatalogRaceHandler())));
        first.Start();
        try
        {
            Assert.True(entered.Wait(Limit), "no attach ran the new assembly's module initializer");

            // The initializer is running on the first thread; this attach must wait for it, not skip it: it blocks
            // until the initializer registers the binder, then binds through it.
            Exception? secondFailure = null;
            var second = new Thread(() => secondFailure = Record.Exception(() => hubB.Attach("b", new CatalogRaceHandler())));
            second.Start();
            Assert.True(
                SpinWait.SpinUntil(() => (second.ThreadState & System.Threading.ThreadState.WaitSleepJoin) != 0 || !second.IsAlive, Limit),
                "the second attach neither blocked nor finished");
            release.Set();
            second.Join();
            Assert.Null(secondFailure);
        }
        finally
        {
            release.Set();
            first.Join();
        }

        Assert.Null(firstFailure);
    }

    /// <summary>Confirms the rate limit: of many threads seeing a slow call at once, exactly one reports.</summary>
    [Fact]
    public async Task ShouldReport_lets_exactly_one_of_racing_threads_report()
    {
        using var hub = new TelemetryHub();
        for (var round = 0; round < 200; round++)
        {
            var registration = new HandlerRegistration(hub, "r", new object(), new(), Array.Empty<EventType>(), Array.Empty<GenericBinding>());
            var wins = 0;
            using var barrier = new Barrier(4);
            var now = Stopwatch.GetTimestamp();
            var tasks = new Task[4];
            for (var t = 0; t < tasks.Length; t++)
            {
                var offset = t;
                tasks[t] = Task.Factory.StartNew(() =>
                {
                    barrier.SignalAndWait();
                    if (HandlerTiming.ShouldReport(registration, now + offset))
                    {
                        Interlocked.Increment(ref wins);
                    }
                }, TaskCreationOptions.LongRunning);
            }

            await Task.WhenAll(tasks);
            Assert.Equal(1, wins);
            Assert.False(HandlerTiming.ShouldReport(registration, now + Stopwatch.Frequency / 2));
            Assert.True(HandlerTiming.ShouldReport(registration, now + 4 + Stopwatch.Frequency));
        }
    }

    private static void DefineCatalogAssemblyWithBlockingInitializer()
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName("CatalogRaceProbe" + Guid.NewGuid().ToString("N")), typeof(object).Assembly);
        var catalogCtor = typeof(TelemetryCatalogAttribute).GetConstructor(new[] { typeof(string), typeof(Type[]) })!;
        assembly.SetCustomAttribute(new CustomAttributeBuilder(catalogCtor, new object[] { "probe", Type.EmptyTypes }));
        var module = assembly.DefineDynamicModule("CatalogRaceProbe");
        var initializer = module.DefineGlobalMethod(
            ".cctor",
            MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName,
            null,
            Type.EmptyTypes);
        var il = initializer.GetILGenerator();
        il.Emit(OpCodes.Call, typeof(CatalogRaceHook).GetMethod(nameof(CatalogRaceHook.ModuleInitializer))!);
        il.Emit(OpCodes.Ret);
        module.CreateGlobalFunctions();

        // Loaded like a library whose code has not run yet: its module initializer waits for an attach to run it.
        using var image = new System.IO.MemoryStream();
        assembly.Save(image);
        Assembly.Load(image.ToArray());
    }

    private sealed class ConfigRaceTag
    {
    }

    private sealed class CatalogRaceTag
    {
    }
}

/// <summary>A handler that only the dynamic catalog's binder knows how to bind.</summary>
public sealed class CatalogRaceHandler
{
}

/// <summary>Called from the dynamic assembly's module initializer: signals, waits to be released, registers the binder.</summary>
public static class CatalogRaceHook
{
    public static ManualResetEventSlim? Entered;
    public static ManualResetEventSlim? Release;
    public static TelemetryInterfaceBinder? Binder;

    public static void ModuleInitializer()
    {
        Entered!.Set();
        Release!.Wait(TimeSpan.FromSeconds(30));
        TelemetryCatalogs.Register(Binder!);
    }
}
