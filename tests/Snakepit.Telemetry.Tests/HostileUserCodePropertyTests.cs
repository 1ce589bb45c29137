using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CsCheck;
using Snakepit.Telemetry.Events;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// Property runs (CsCheck): random hubs of handlers, inline and in the background, typed and generic, whose code and
/// whose exceptions' members throw anything, with tracing on and off. Whatever they do, no exception reaches the
/// emitter or a worker's thread, every handler that threw is detached and reported once (failure handlers that throw
/// are detached silently), every guard is restored (the thread still nests emits as deep as before), and the hub
/// still waits for and stops its workers. Iterations: SNAKEPIT_PROPERTY_ITERATIONS / 100 (default 200).
/// </summary>
public sealed class HostileUserCodePropertyTests
{
    private static readonly long Iterations =
        Math.Max(20, (long.TryParse(Environment.GetEnvironmentVariable("SNAKEPIT_PROPERTY_ITERATIONS"), out var n) ? n : 20_000) / 100);

    /// <summary>What a handler does when called.</summary>
    public enum Behaviour
    {
        Returns,
        Throws,
        ThrowsHostile,
        ThrowsNonException,
        EmitsAndThrows,
    }

    public enum Kind
    {
        TypedInline,
        TypedBackground,
        GenericInline,
        GenericBackground,
        BuilderInline,
        BuilderBackground,
        FailureHandler,
    }

    private static readonly Gen<(Kind Kind, Behaviour Behaviour)> Handler =
        Gen.Select(Gen.Enum<Kind>(), Gen.Enum<Behaviour>());

    private static readonly Gen<(bool Tracing, bool Timing, (Kind Kind, Behaviour Behaviour)[] Handlers, int Emits)> Scenario =
        Gen.Select(Gen.Bool, Gen.Bool, Handler.Array[1, 8], Gen.Int[1, 6]);

    [Fact]
    public void Hostile_handlers_and_exceptions_never_reach_the_emitter_and_leave_every_guard_restored()
    {
        Scenario.Sample(scenario => Run(scenario.Tracing, scenario.Timing, scenario.Handlers, scenario.Emits), iter: Iterations, threads: 1);
    }

    private static void Run(bool tracing, bool timing, (Kind Kind, Behaviour Behaviour)[] handlers, int emits)
    {
        using var trace = TracingListener.StartIf(tracing);
        using var hub = new TelemetryHub();
        var failures = new FailureRecorder();
        hub.Attach("failures-recorded", failures);
        var calls = new int[handlers.Length];
        for (var i = 0; i < handlers.Length; i++)
        {
            Attach(hub, "h" + i, handlers[i].Kind, handlers[i].Behaviour, i, calls);
        }

        var settings = new TelemetrySettings { TimeHandlers = timing, SlowHandlerThreshold = TimeSpan.FromTicks(1) };
        var thrown = Record.Exception(() =>
        {
            for (var e = 0; e < emits; e++)
            {
                hub.Emit(Events.Status(e));
                hub.Emit(Events.Stop());
            }
        });

        Assert.Null(thrown);
        for (var i = 0; i < handlers.Length; i++)
        {
            Assert.True(hub.WaitForBackgroundHandler("h" + i, TimeSpan.FromSeconds(30)), $"h{i} ({handlers[i]}) never became idle");
        }

        // Every handler that was called and threw is detached and reported once; the others stay.
        var expectedFailures = new List<string>();
        for (var i = 0; i < handlers.Length; i++)
        {
            var (kind, behaviour) = handlers[i];
            var failed = behaviour != Behaviour.Returns && Volatile.Read(ref calls[i]) > 0;
            Assert.Equal(!failed, hub.ListHandlers().Any(h => h.Id == "h" + i));
            if (failed && kind != Kind.FailureHandler)
            {
                expectedFailures.Add("h" + i);
            }
        }

        var reported = failures.Failures.ToArray().Select(f => f.HandlerId).Where(id => id.StartsWith('h')).ToList();
        var unexpected = reported.Except(expectedFailures).ToList();
        Assert.True(unexpected.Count == 0, "reported but not failed: " + string.Join(", ", unexpected));
        Assert.Equal(reported.Count, reported.Distinct().Count());

        // Handlers of "telemetry.*" events (failure handlers) that throw are detached without a report, since reporting
        // could loop; and one that throws first may keep a report from the recorder, which is attached first but
        // called once per failure: every expected failure is reported unless such a handler ran.
        if (!handlers.Any(h => h.Kind == Kind.FailureHandler && h.Behaviour != Behaviour.Returns))
        {
            Assert.Equal(expectedFailures.OrderBy(x => x), reported.OrderBy(x => x));
        }

        // Guards restored: this thread still nests 20 emits deep.
        NestingProbe.AssertThreadNestsEmits();
        TelemetryConfiguration.Apply(new TelemetrySettings());
    }

    private static void Attach(TelemetryHub hub, string id, Kind kind, Behaviour behaviour, int index, int[] calls)
    {
        void Act()
        {
            Interlocked.Increment(ref calls[index]);
            switch (behaviour)
            {
                case Behaviour.Throws:
                    throw new InvalidOperationException("plain");
                case Behaviour.ThrowsHostile:
                    throw new HostileException();
                case Behaviour.ThrowsNonException:
                    throw new AggregateException(new HostileException(), new HostileException());
                case Behaviour.EmitsAndThrows:
#pragma warning disable SNK009 // A hostile handler: it emits what it may handle.
                    hub.Emit(Events.Lookup());
#pragma warning restore SNK009
                    throw new HostileException();
            }
        }

        var background = kind is Kind.TypedBackground or Kind.GenericBackground or Kind.BuilderBackground;
        var mode = background ? TelemetryDispatchMode.Background : TelemetryDispatchMode.Inline;
        switch (kind)
        {
            case Kind.TypedInline:
                hub.Attach<PoolStatus>(id, (in PoolStatus e) => Act());
                break;
            case Kind.TypedBackground:
                hub.Attach(new TelemetryHandlerBuilder(id, new object()).WithDispatch(mode).On<PythonCallStop>((in PythonCallStop e) => Act()));
                break;
            case Kind.GenericInline:
            case Kind.GenericBackground:
                hub.Attach(new TelemetryHandlerBuilder(id, new object()).WithDispatch(mode).OnEvents(new Generic(Act), "snakepit.*"));
                break;
            case Kind.BuilderInline:
            case Kind.BuilderBackground:
                hub.Attach(new TelemetryHandlerBuilder(id, new object())
                    .WithDispatch(mode)
                    .On<PoolStatus>((in PoolStatus e) => Act())
                    .OnEvents(new Generic(Act), "snakepit.*", "myapp.*"));
                break;
            case Kind.FailureHandler:
                hub.Attach<TelemetryHandlerFailure>(id, (in TelemetryHandlerFailure e) =>
                {
                    _ = e.ExceptionMessage;
                    Act();
                });
                break;
        }
    }

    private sealed class Generic : ITelemetryHandler
    {
        private readonly Action _act;

        public Generic(Action act) => _act = act;

        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent
        {
            _ = e.ToString();
            _act();
        }
    }
}
