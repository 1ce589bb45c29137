using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// Bounded stress: threads emit while others attach, detach and re-attach inline and background handlers, some of them
/// throwing. Every handler attached for the whole run receives every event exactly once; every failing handler is
/// detached and reported once.
/// </summary>
public sealed class DispatchStressTests : IDisposable
{
    private const int Emitters = 3;
    private const int EventsPerEmitter = 20_000;
    private readonly TelemetryHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public async Task Stable_handlers_see_every_event_once_while_others_churn_and_fail()
    {
        var failures = new ConcurrentDictionary<string, int>();
        _hub.Attach<TelemetryHandlerFailure>("failures", (in TelemetryHandlerFailure e) => failures.AddOrUpdate(e.HandlerId, 1, (_, n) => n + 1));

        var inline = new ConcurrentDictionary<string, int>();
        var background = new ConcurrentDictionary<string, int>();
        var generic = new ConcurrentDictionary<string, int>();
        _hub.Attach<PythonCallStop>("stable-inline", (in PythonCallStop e) => Count(inline, e.Command));
        _hub.Attach(new TelemetryHandlerBuilder("stable-background", this)
            .WithDispatch(TelemetryDispatchMode.Background, TelemetryHandlerBuilder.MaxQueueCapacity)
            .On<PythonCallStop>((in PythonCallStop e) => Count(background, e.Command)));
        var genericHandler = new KeyedCounter(generic);
        _hub.Attach(new TelemetryHandlerBuilder("stable-generic-background", genericHandler)
            .WithDispatch(TelemetryDispatchMode.Background, TelemetryHandlerBuilder.MaxQueueCapacity)
            .OnEvents(genericHandler, "snakepit.python.*"));

        var throwerCalls = new ConcurrentDictionary<string, int>();
        var backgroundIds = new ConcurrentDictionary<string, bool>();
        using var stop = new CancellationTokenSource();
        using var start = new Barrier(Emitters + 2);

        var emitters = Enumerable.Range(0, Emitters).Select(t => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < EventsPerEmitter; i++)
            {
                _hub.Emit(Events.Stop($"t{t}-{i}"));
            }
        })).ToArray();

        var churners = Enumerable.Range(0, 2).Select(c => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var id = $"churn-{c}-{round}";
                var mode = round % 2 == 0 ? TelemetryDispatchMode.Inline : TelemetryDispatchMode.Background;
                var throws = round % 3 == 0;
                if (mode == TelemetryDispatchMode.Background)
                {
                    backgroundIds[id] = true;
                }
                _hub.Attach(new TelemetryHandlerBuilder(id, this)
                    .WithDispatch(mode, 16)
                    .On<PythonCallStop>((in PythonCallStop e) =>
                    {
                        if (throws)
                        {
                            throwerCalls.AddOrUpdate(id, 1, (_, n) => n + 1);
                            throw new InvalidOperationException(id);
                        }
                    }));
                if (round % 4 == 1)
                {
                    _ = _hub.DetachAsync(id, TimeSpan.FromSeconds(5)).Result;
                }
                else
                {
                    _hub.Detach(id);
                }
            }
        })).ToArray();

        await Task.WhenAll(emitters);
        stop.Cancel();
        await Task.WhenAll(churners);

        Assert.True(_hub.WaitForBackgroundHandler("stable-background", TimeSpan.FromSeconds(60)));
        Assert.True(_hub.WaitForBackgroundHandler("stable-generic-background", TimeSpan.FromSeconds(60)));
        var expected = Emitters * EventsPerEmitter;
        foreach (var (name, seen) in new[] { ("inline", inline), ("background", background), ("generic background", generic) })
        {
            Assert.True(seen.Count == expected, $"{name}: {seen.Count} distinct events of {expected}");
            Assert.True(seen.Values.All(n => n == 1), $"{name}: some event arrived more than once");
        }

        // A throwing background handler is called once; an inline one once per emitting thread at most (calls already
        // running when it failed finish). Each one that was called is reported exactly once.
        Assert.All(throwerCalls, pair => Assert.InRange(pair.Value, 1, backgroundIds.ContainsKey(pair.Key) ? 1 : Emitters));
        Assert.All(throwerCalls.Keys, id => Assert.Equal(1, failures.TryGetValue(id, out var n) ? n : 0));
        Assert.All(failures.Keys, id => Assert.True(throwerCalls.ContainsKey(id), $"{id} was reported but never threw"));
        Assert.Equal(
            new[] { "failures", "stable-background", "stable-generic-background", "stable-inline" },
            _hub.ListHandlers().Select(h => h.Id).OrderBy(x => x, StringComparer.Ordinal));
    }

    private static void Count(ConcurrentDictionary<string, int> seen, string key) => seen.AddOrUpdate(key, 1, (_, n) => n + 1);

    private sealed class KeyedCounter : ITelemetryHandler
    {
        private readonly ConcurrentDictionary<string, int> _seen;

        public KeyedCounter(ConcurrentDictionary<string, int> seen) => _seen = seen;

        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent
        {
            if (e is PythonCallStop stop)
            {
                Count(_seen, stop.Command);
            }
        }
    }
}
