using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// The first use of an event type races an emit of it: a handler attached before the emit receives it, always.
/// Each round needs an event type the process has never seen, so the rounds use <see cref="FreshEvent{TTag}"/>
/// closed over ever new tag types.
/// </summary>
public sealed class FirstRegistrationRaceTests
{
    private const int Rounds = 150;

    [Fact]
    public void A_star_handler_attached_long_before_receives_the_first_emit_of_a_new_type()
    {
        var round = typeof(FirstRegistrationRaceTests).GetMethod(nameof(Round), BindingFlags.NonPublic | BindingFlags.Static)!;
        var tag = typeof(FirstRegistrationRaceTests);
        for (var i = 0; i < Rounds; i++)
        {
            tag = typeof(List<>).MakeGenericType(tag);
            var eventType = typeof(FreshEvent<>).MakeGenericType(tag);
            var missed = (int)round.MakeGenericMethod(eventType).Invoke(null, null)!;
            Assert.True(missed == 0, $"round {i}: the '*' handler missed the first emit of a new event type");
        }
    }

    /// <summary>One thread registers the type (by attaching a typed handler on another hub) while another emits it.</summary>
    private static int Round<TEvent>()
        where TEvent : struct, ITelemetryEvent
    {
        using var listening = new TelemetryHub();
        using var other = new TelemetryHub();
        var star = new CountingGeneric();
        listening.Attach("star", star, "*");
        using var start = new Barrier(2);

        var registering = Task.Run(() =>
        {
            start.SignalAndWait();
            other.Attach(new TelemetryHandlerBuilder("typed", star).On((in TEvent e) => { }));
        });
        var emitting = Task.Run(() =>
        {
            start.SignalAndWait();
            listening.Emit(default(TEvent));
        });
        Task.WaitAll(registering, emitting);
        return 1 - star.Count;
    }

    private sealed class CountingGeneric : ITelemetryHandler
    {
        public int Count;

        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent => Interlocked.Increment(ref Count);
    }
}

/// <summary>A hand-written event whose type is new for every <typeparamref name="TTag"/>.</summary>
public readonly struct FreshEvent<TTag> : ITelemetryEvent
{
    public string EventName => "test.fresh";

    public int MeasurementCount => 0;

    public int MetadataCount => 0;

    public TelemetryField GetMeasurement(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public TelemetryField GetMetadata(int index) => throw new ArgumentOutOfRangeException(nameof(index));
}
