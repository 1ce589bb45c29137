using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.IO.Pipes;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;
using Snakepit.Telemetry.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// A bounded soak, one test per workload: inline handlers, background handlers behind full queues, a recorder
/// cleared periodically, the Meter path and the Python line reader. Each runs for a fifth of
/// <c>SNAKEPIT_SOAK_SECONDS</c> (60 s when unset): a fifth of that warms up, then the heap retained after a full
/// blocking compacting collection is sampled 11 times, and must not grow with the millions of events that go through
/// (<see cref="Soak.AssertFlat"/>). Every phase also checks that its handlers got every event (or counted the drop),
/// so it cannot pass by doing nothing. The numbers go to the test output and to soak-results.txt beside the test
/// assembly; docs/reliability.md quotes them.
/// </summary>
/// <remarks>
/// In the default hub's collection: the recorder, the generated emitters and the reader deliver to
/// <see cref="TelemetryHub.Default"/>, and the collection runs alone, after the parallel tests, which keeps the heap
/// readings quiet. Inline and background phases use hubs of their own.
/// </remarks>
[Collection(DefaultHubCollection.Name)]
public sealed class SoakTests : IClassFixture<SoakReport>
{
    private const int Batch = 10_000;

    private static readonly string[] Pools = { "default", "gpu", "cpu", "batch" };
    private static readonly string[] Commands = { "predict", "embed", "train", "ping" };
    private static readonly string[] Users = { "u-1", "u-2", "u-3", "u-4" };

    private readonly SoakReport _report;
    private readonly ITestOutputHelper _output;

    public SoakTests(SoakReport report, ITestOutputHelper output)
    {
        _report = report;
        _output = output;
    }

    [Fact]
    public void Soak_a_emitting_to_typed_and_generic_inline_handlers_keeps_the_heap_flat()
    {
        using var hub = new TelemetryHub();
        var typed = new SoakCounter();
        var snakepit = new SoakGenericCounter();
        var myapp = new SoakGenericCounter();
        long lambdaCalls = 0, lambdaTicks = 0, builderStatuses = 0;
        hub.Attach("soak-typed", typed);
        hub.Attach<PythonCallStop>("soak-lambda", (in PythonCallStop e) =>
        {
            lambdaCalls++;
            lambdaTicks += e.Duration.Ticks;
        });
        hub.Attach("soak-generic", snakepit, "snakepit.*");
        hub.Attach(new TelemetryHandlerBuilder("soak-builder", myapp)
            .On<PoolStatus>((in PoolStatus e) => builderStatuses += e.BusyWorkers)
            .OnEvents(myapp, "myapp.*"));

        long iterations = 0;
        var result = Soak.Run(
            "a. inline handlers",
            () =>
            {
                for (var i = 0; i < Batch; i++)
                {
                    var n = iterations + i;
                    var stop = new PythonCallStop(TimeSpan.FromTicks(n), Pools[n & 3], "w-1", Commands[n & 3], "c-1", PythonCallStopResult.Success, responseSize: n);
                    hub.Emit(in stop);
                    var status = new PoolStatus(1, 1, n, 2, Pools[n & 3]);
                    hub.Emit(in status);
                    var lookup = new CacheLookup(TimeSpan.FromTicks(n), "key", hit: (n & 1) == 0);
                    hub.Emit(in lookup);
                }

                iterations += Batch;
            },
            () => 3 * iterations);

        Report(result, $"emitted {3 * iterations:N0} events ({iterations:N0} each of python.call.stop, pool.status, cache.lookup) to 4 inline handlers: {typed.Total + lambdaCalls + snakepit.Events + builderStatuses + myapp.Events:N0} handler calls");
        Assert.Equal(iterations, typed.Stops);
        Assert.Equal(iterations, typed.Statuses);
        Assert.Equal(iterations, typed.Lookups);
        Assert.Equal(iterations, lambdaCalls);
        Assert.Equal(2 * iterations, snakepit.Events);
        Assert.Equal(iterations, builderStatuses);
        Assert.Equal(iterations, myapp.Events);
        Soak.AssertFlat(result);
    }

    [Fact]
    public async Task Soak_b_background_handlers_drop_what_their_queues_cannot_hold_and_keep_the_heap_flat()
    {
        const int typedCapacity = TelemetryHandlerBuilder.DefaultQueueCapacity;
        const int genericCapacity = 2048;
        const int slowCapacity = 256;
        using var hub = new TelemetryHub();
        using var hold = new Hold();
        var typed = new SoakCounter { Hold = hold };
        var generic = new SoakGenericCounter { Hold = hold };
        var slow = new SlowHandler { Hold = hold };
        hub.Attach(new TelemetryHandlerBuilder("soak-bg-typed", typed)
            .WithDispatch(TelemetryDispatchMode.Background, typedCapacity)
            .On<PythonCallStop>((in PythonCallStop e) => typed.Handle(in e))
            .On<PoolStatus>((in PoolStatus e) => typed.Handle(in e)));
        hub.Attach(new TelemetryHandlerBuilder("soak-bg-generic", generic)
            .WithDispatch(TelemetryDispatchMode.Background, genericCapacity)
            .OnEvents(generic, "*"));
        hub.Attach(new TelemetryHandlerBuilder("soak-bg-slow", slow)
            .WithDispatch(TelemetryDispatchMode.Background, slowCapacity)
            .On<PythonCallStop>((in PythonCallStop e) => slow.Handle(in e)));
        var infos = hub.ListHandlers().ToDictionary(h => h.Id);
        var capacities = new Dictionary<string, int> { ["soak-bg-typed"] = typedCapacity, ["soak-bg-generic"] = genericCapacity, ["soak-bg-slow"] = slowCapacity };
        var mostQueued = capacities.Keys.ToDictionary(id => id, _ => 0L);

        long stops = 0, statuses = 0;
        void Emit(bool stop, bool status)
        {
            for (var i = 0; i < Batch; i++)
            {
                if (stop)
                {
                    var n = stops++;
                    var e = new PythonCallStop(TimeSpan.FromTicks(n), Pools[n & 3], "w-1", Commands[n & 3], "c-1", PythonCallStopResult.Success);
                    hub.Emit(in e);
                }

                if (status)
                {
                    var n = statuses++;
                    var e = new PoolStatus(1, 1, n, 2, Pools[n & 3]);
                    hub.Emit(in e);
                }
            }
        }

        // Before the warm-up, each event type alone fills every queue it goes to (the workers held in a call), then
        // is drained: each binding's queue has then held as many events as its handler's capacity, the most it can
        // ever hold, so its storage has grown to its largest before the first sample.
        foreach (var (stop, status) in new[] { (true, false), (false, true) })
        {
            var ids = stop ? capacities.Keys.ToArray() : new[] { "soak-bg-typed", "soak-bg-generic" };
            hold.Arm();
            Emit(stop, status);
            hold.WaitHeld(ids.Length);

            // Every worker is held in a call: a batch (more than any capacity) fills every queue, and overflows it.
            var dropped = ids.ToDictionary(id => id, id => infos[id].DroppedEvents);
            Emit(stop, status);
            foreach (var id in ids)
            {
                Assert.True(infos[id].DroppedEvents > dropped[id], $"{id} dropped nothing with its worker held");
                Assert.Equal(capacities[id], infos[id].QueuedEvents);
            }

            hold.Release();
            foreach (var id in ids)
            {
                Assert.True(hub.WaitForBackgroundHandler(id, TimeSpan.FromSeconds(30)), $"{id} did not drain its queue");
            }
        }

        var result = Soak.Run(
            "b. background handlers",
            () => Emit(stop: true, status: true),
            () => stops + statuses,
            atSample: () =>
            {
                // Sampled with the queues as they are (the slow one full): what they hold is part of the heap measured.
                foreach (var (id, capacity) in capacities)
                {
                    var queued = infos[id].QueuedEvents;
                    Assert.InRange(queued, 0, capacity);
                    mostQueued[id] = Math.Max(mostQueued[id], queued);
                }
            });

        // Drained, not waited for with a sleep: DetachAsync returns once the worker has handled what was queued.
        var droppedBeforeDetach = infos.ToDictionary(p => p.Key, p => p.Value.DroppedEvents);
        foreach (var id in capacities.Keys)
        {
            Assert.True(await hub.DetachAsync(id, TimeSpan.FromSeconds(30)));
        }

        var handled = new Dictionary<string, long>
        {
            ["soak-bg-typed"] = Interlocked.Read(ref typed.Stops) + Interlocked.Read(ref typed.Statuses),
            ["soak-bg-generic"] = Interlocked.Read(ref generic.Events),
            ["soak-bg-slow"] = Interlocked.Read(ref slow.Calls),
        };
        var expectedReceived = new Dictionary<string, long> { ["soak-bg-typed"] = stops + statuses, ["soak-bg-generic"] = stops + statuses, ["soak-bg-slow"] = stops };
        Report(
            result,
            capacities.Keys.Select(id =>
                $"{id} (capacity {capacities[id]:N0}): received {infos[id].ReceivedEvents:N0} = handled {handled[id]:N0} + dropped {infos[id].DroppedEvents:N0}; most queued at a sample {mostQueued[id]:N0}")
            .ToArray());

        foreach (var id in capacities.Keys)
        {
            var info = infos[id];
            Assert.Equal(expectedReceived[id], info.ReceivedEvents);
            Assert.Equal(droppedBeforeDetach[id], info.DroppedEvents);
            Assert.Equal(0, info.QueuedEvents);
            Assert.Equal(info.ReceivedEvents, handled[id] + info.DroppedEvents);
            Assert.Equal(0, info.Failures);
        }

        // The slow handler's queue filled and dropped, and it still handled events all along.
        Assert.True(infos["soak-bg-slow"].DroppedEvents > stops / 2, $"the slow handler dropped only {infos["soak-bg-slow"].DroppedEvents:N0} of {stops:N0}");
        Assert.True(handled["soak-bg-slow"] >= 1_000, $"the slow handler handled only {handled["soak-bg-slow"]:N0}");
        Assert.True(
            handled["soak-bg-typed"] >= Soak.MinEvents / 10 && handled["soak-bg-generic"] >= Soak.MinEvents / 10,
            $"the fast background handlers handled only {handled["soak-bg-typed"]:N0} and {handled["soak-bg-generic"]:N0}");
        Soak.AssertFlat(result);
    }

    [Fact]
    public void Soak_c_a_recorder_cleared_every_10000_events_keeps_the_heap_flat()
    {
        Assert.False(SnakepitEvents.IsPythonCallStopEnabled);
        using var recorder = TelemetryRecorder.Start();
        long emitted = 0, recorded = 0, clears = 0;
        var result = Soak.Run(
            "c. recorder, cleared",
            () =>
            {
                for (var i = 0; i < Batch / 2; i++)
                {
                    var n = emitted + i;
                    SnakepitEvents.PythonCallStop(TimeSpan.FromTicks(n), Pools[n & 3], "w-1", Commands[n & 3], "c-1", PythonCallStopResult.Success);
                    MyappEvents.CacheLookup(TimeSpan.FromTicks(n), "key", hit: (n & 1) == 0);
                }

                emitted += Batch;
                var count = recorder.Events.Count;
                Assert.Equal(Batch, count);
                recorded += count;
                recorder.Clear();
                clears++;
            },
            () => emitted);

        Report(result, $"emitted {emitted:N0} events through the generated emitters to TelemetryHub.Default; the recorder held {Batch:N0} before each of its {clears:N0} clears ({recorded:N0} recorded)");
        Assert.Equal(emitted, recorded);
        Soak.AssertFlat(result);
    }

    [Fact]
    public void Soak_d_the_meter_path_to_a_MeterListener_keeps_the_heap_flat()
    {
        // No hub handler: what runs is the generated emitters' recording into their instruments.
        Assert.False(TelemetryDispatch<PythonCallStop>.IsEnabled);
        var totals = new Dictionary<string, InstrumentTotal>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name is SnakepitEvents.MeterName or MyappEvents.MeterName)
            {
                lock (totals)
                {
                    if (!totals.TryGetValue(instrument.Name, out var total))
                    {
                        totals[instrument.Name] = total = new InstrumentTotal();
                    }

                    l.EnableMeasurementEvents(instrument, total);
                }
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => ((InstrumentTotal)state!).Add(value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, state) => ((InstrumentTotal)state!).Add(value, tags));
        listener.Start();

        long iterations = 0;
        var result = Soak.Run(
            "d. Meter path",
            () =>
            {
                for (var i = 0; i < Batch; i++)
                {
                    var n = iterations + i;
                    SnakepitEvents.PythonCallStop(TimeSpan.FromTicks(n), Pools[n & 3], "w-1", Commands[n & 3], "c-1", PythonCallStopResult.Success);
                    SnakepitEvents.PoolStatus(1, 2, n & 15, 3, Pools[n & 3]);
                    MyappEvents.RequestStop(TimeSpan.FromTicks(n), Users[n & 3], RequestStopRequestType.Predict, (n & 1) == 0 ? RequestStopResult.Success : RequestStopResult.Failure);
                    MyappEvents.JobDone(n * 0.5, n & 7, JobDonePriority.Low, retried: (n & 1) == 0, wait: TimeSpan.FromTicks(n & 255), queue: Pools[n & 3]);
                }

                iterations += Batch;
            },
            () => 4 * iterations);

        var expected = new[]
        {
            "snakepit.python.call.stop.duration", "snakepit.python.call.stop.count",
            "snakepit.pool.status.queue_depth", "snakepit.pool.status.available_workers", "snakepit.pool.status.busy_workers",
            "myapp.request.stop.duration", "myapp.request.stop.count",
            "myapp.job.done.score", "myapp.job.done.items", "myapp.job.done.last_score", "myapp.job.done.wait", "myapp.job.done.wait_seconds",
        };
        var measurements = totals.Values.Sum(t => t.Count);
        Report(result, $"emitted {4 * iterations:N0} events ({iterations:N0} each of python.call.stop, pool.status, request.stop, job.done); the listener saw {measurements:N0} measurements on {totals.Values.Count(t => t.Count > 0)} instruments, {totals.Values.Sum(t => t.Tags):N0} tags");
        foreach (var name in expected)
        {
            Assert.True(totals.TryGetValue(name, out var total), $"no measurement of {name}");
            Assert.Equal(iterations, total!.Count);
        }

        Soak.AssertFlat(result);
    }

    [Fact]
    public async Task Soak_e_the_python_reader_folding_strings_bytes_and_a_live_stream_with_bad_lines_keeps_the_heap_flat()
    {
        const int maxLine = 1024;
        var worker = new WorkerContext("node-soak", "gpu", "worker-7");

        // What a worker writes: mostly events, with a log line and one bad line of every kind mixed in.
        var sequence = SoakLines.Sequence(maxLine);
        var strings = sequence.Where(l => l.Text is not null).ToArray();

        // Every line gives the result it is there for (nothing listens yet, so nothing is delivered).
        var check = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), worker) { MaxLineLength = maxLine };
        foreach (var line in sequence)
        {
            Assert.Equal(line.Expected, check.Fold(line.Bytes));
            if (line.Text is not null)
            {
                Assert.Equal(line.Expected, check.Fold(line.Text));
            }
        }

        Assert.Equal(Enum.GetValues<FoldResult>().Length, sequence.Select(l => l.Expected).Distinct().Count());

        // The stream: the sequence twice, every third line ending "\r\n", one block that a writer thread sends again and again.
        var blockLines = sequence.Concat(sequence).ToArray();
        var block = new MemoryStream();
        for (var i = 0; i < blockLines.Length; i++)
        {
            block.Write(blockLines[i].Bytes);
            block.Write(i % 3 == 0 ? "\r\n"u8 : "\n"u8);
        }

        var blockBytes = block.ToArray();

        long stops = 0, statuses = 0, logLines = 0;
        var python = new SoakGenericCounter();
        TelemetryHub.Default.Attach<PythonCallStop>("soak-reader-stop", (in PythonCallStop e) =>
        {
            if (e.Command == "predict" && e.WorkerId == "worker-7")
            {
                Interlocked.Increment(ref stops);
            }
        });
        TelemetryHub.Default.Attach<PoolStatus>("soak-reader-status", (in PoolStatus e) => Interlocked.Add(ref statuses, e.QueueDepth == 3 ? 1 : 0));
        TelemetryHub.Default.Attach("soak-reader-generic", python, "snakepit.python.*");
        try
        {
            var folding = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), worker) { MaxLineLength = maxLine };
            var streaming = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), worker) { MaxLineLength = maxLine };
            using var server = new AnonymousPipeServerStream(PipeDirection.In);
            var client = new AnonymousPipeClientStream(PipeDirection.Out, server.ClientSafePipeHandle);
            using var stop = new CancellationTokenSource();
            using var pause = new WriterPause();
            long blocks = 0;
            var writing = Task.Factory.StartNew(
                () =>
                {
                    // Whole blocks, in pieces of uneven sizes, so that lines are split across reads at ever other places.
                    int[] pieces = { 7, 509, 4093, 65521 };
                    var p = 0;
                    try
                    {
                        while (!stop.IsCancellationRequested)
                        {
                            pause.ParkIfAsked();
                            for (var offset = 0; offset < blockBytes.Length;)
                            {
                                var size = Math.Min(pieces[p++ % pieces.Length], blockBytes.Length - offset);
                                client.Write(blockBytes, offset, size);
                                offset += size;
                            }

                            Interlocked.Increment(ref blocks);
                        }
                    }
                    finally
                    {
                        client.Dispose();
                    }
                },
                TaskCreationOptions.LongRunning);
            var reading = streaming.ReadAsync(server, _ => logLines++, CancellationToken.None);

            const int setsPerStep = 20;
            long sets = 0;
            var result = Soak.Run(
                "e. Python reader",
                () =>
                {
                    // Each line of the sequence folded as bytes, and as a string when it is one.
                    for (var i = 0; i < setsPerStep; i++)
                    {
                        foreach (var line in sequence)
                        {
                            folding.Fold(line.Bytes);
                        }

                        foreach (var line in strings)
                        {
                            folding.Fold(line.Text!);
                        }
                    }

                    sets += setsPerStep;
                },
                () => Lines(folding) + Lines(streaming),
                atSample: () =>
                {
                    // The heap is read with the pipe quiet: the writer parked between blocks, and the reader done with
                    // every line written (a deadline, not a sleep).
                    pause.Ask();
                    Assert.True(
                        SpinWait.SpinUntil(() => Lines(streaming) == Interlocked.Read(ref blocks) * blockLines.Length || reading.IsCompleted, TimeSpan.FromSeconds(30)),
                        $"the reader is {Interlocked.Read(ref blocks) * blockLines.Length - Lines(streaming):N0} lines behind the writer");
                    Assert.False(reading.IsCompleted, "the read ended before the stream did");
                },
                afterSample: pause.Resume);

            // The writer ends after a whole block; the read ends at the end of the stream. A read that ended first
            // failed: its exception is the test's (and disposing the pipe then ends the writer).
            stop.Cancel();
            if (await Task.WhenAny(writing, reading) == reading)
            {
                await reading;
            }

            await writing.WaitAsync(TimeSpan.FromSeconds(30));
            server.DisposeLocalCopyOfClientHandle();
            await reading.WaitAsync(TimeSpan.FromSeconds(30));

            var foldedLines = Lines(folding);
            var streamedLines = Lines(streaming);
            Report(
                result,
                $"folded {foldedLines:N0} lines on the test thread ({sets:N0} times {sequence.Length} byte lines and {strings.Length} strings), {folding.Count(FoldResult.Folded):N0} into events, {folding.Dropped:N0} dropped",
                $"read {streamedLines:N0} lines ({blocks:N0} blocks of {blockLines.Length} lines, {blockBytes.Length:N0} bytes each) from a pipe with ReadAsync, {streaming.Count(FoldResult.Folded):N0} into events, {streaming.Dropped:N0} dropped, {logLines:N0} log lines",
                "results: " + string.Join(", ", Enum.GetValues<FoldResult>().Select(r => $"{r} {folding.Count(r) + streaming.Count(r):N0}")));

            // Every line of every fold and every block was counted as what it is, and every good one was delivered.
            foreach (var r in Enum.GetValues<FoldResult>())
            {
                Assert.Equal(sets * (sequence.Count(l => l.Expected == r) + strings.Count(l => l.Expected == r)), folding.Count(r));
                Assert.Equal(blocks * blockLines.Count(l => l.Expected == r), streaming.Count(r));
            }

            var stopLines = (sets * (sequence.Count(l => l == SoakLines.Stop) + strings.Count(l => l == SoakLines.Stop))) + (blocks * blockLines.Count(l => l == SoakLines.Stop));
            var statusLines = (sets * (sequence.Count(l => l == SoakLines.Status) + strings.Count(l => l == SoakLines.Status))) + (blocks * blockLines.Count(l => l == SoakLines.Status));
            Assert.Equal(stopLines, Interlocked.Read(ref stops));
            Assert.Equal(statusLines, Interlocked.Read(ref statuses));
            Assert.Equal(stopLines, Interlocked.Read(ref python.Events));
            Assert.Equal(blocks * blockLines.Count(l => l.IsLog), logLines);
            Assert.True(streamedLines >= Soak.MinEvents / 10, $"only {streamedLines:N0} lines read from the pipe");
            Soak.AssertFlat(result);
        }
        finally
        {
            TelemetryHub.Default.Detach("soak-reader-stop");
            TelemetryHub.Default.Detach("soak-reader-status");
            TelemetryHub.Default.Detach("soak-reader-generic");
        }

        static long Lines(WorkerTelemetryReader reader) => Enum.GetValues<FoldResult>().Sum(reader.Count);
    }

    private void Report(SoakResult result, params string[] notes) => _report.Add(result, _output, notes);

    /// <summary>Counts what it handles, typed, without allocating; safe to read from another thread once its worker stopped.</summary>
    private sealed class SoakCounter : IPythonCallStopHandler, IPoolStatusHandler, ICacheLookupHandler
    {
        public Hold? Hold;
        public long Stops;
        public long Statuses;
        public long Lookups;
        public long Sum;

        public long Total => Stops + Statuses + Lookups;

        public void Handle(in PythonCallStop e)
        {
            Hold?.Pass();
            Stops++;
            Sum += e.Duration.Ticks + e.Command.Length;
        }

        public void Handle(in PoolStatus e)
        {
            Hold?.Pass();
            Statuses++;
            Sum += e.QueueDepth;
        }

        public void Handle(in CacheLookup e)
        {
            Lookups++;
            Sum += e.Hit ? 1 : 0;
        }
    }

    /// <summary>A generic handler that reads every measurement and metadata value of any event, counting with a long.</summary>
    private sealed class SoakGenericCounter : ITelemetryHandler
    {
        public Hold? Hold;
        public long Events;
        public double Sum;

        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent
        {
            Hold?.Pass();
            Interlocked.Increment(ref Events);
            for (var i = 0; i < e.MeasurementCount; i++)
            {
                if (e.GetMeasurement(i).Value.TryGetNumber(out var number))
                {
                    Sum += number;
                }
            }

            for (var i = 0; i < e.MetadataCount; i++)
            {
                _ = e.GetMetadata(i).Value;
            }
        }
    }

    /// <summary>A background handler slower than the emitter: a millisecond's pause (a slow write) every 32 events.</summary>
    private sealed class SlowHandler
    {
        public Hold? Hold;
        public long Calls;

        public void Handle(in PythonCallStop e)
        {
            Hold?.Pass();
            if (Interlocked.Increment(ref Calls) % 32 == 0)
            {
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>Holds background handlers in their calls while armed, until released: a handshake both ways.</summary>
    private sealed class Hold : IDisposable
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
        private readonly ManualResetEventSlim _released = new(true);
        private readonly SemaphoreSlim _held = new(0);
        private volatile bool _holding;

        /// <summary>Called by the handlers on every event: while armed, says it is held and waits for the release.</summary>
        public void Pass()
        {
            if (_holding)
            {
                _held.Release();
                if (!_released.Wait(Limit))
                {
                    throw new TimeoutException("the soak never released its background handlers");
                }
            }
        }

        public void Arm()
        {
            _released.Reset();
            _holding = true;
        }

        /// <summary>Waits until <paramref name="handlers"/> handlers are held (one call each: a held handler does not return).</summary>
        public void WaitHeld(int handlers)
        {
            for (var i = 0; i < handlers; i++)
            {
                if (!_held.Wait(Limit))
                {
                    throw new TimeoutException($"only {i} of {handlers} background handlers were held");
                }
            }
        }

        public void Release()
        {
            _holding = false;
            _released.Set();
        }

        public void Dispose() => Release();
    }

    /// <summary>Parks the pipe's writer between two blocks while the heap is read: a handshake both ways.</summary>
    private sealed class WriterPause : IDisposable
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
        private readonly ManualResetEventSlim _parked = new(false);
        private readonly ManualResetEventSlim _resume = new(true);

        /// <summary>Called by the writer between blocks: parks while asked to.</summary>
        public void ParkIfAsked()
        {
            if (!_resume.IsSet)
            {
                _parked.Set();
                if (!_resume.Wait(Limit))
                {
                    throw new TimeoutException("the soak never let the writer go on");
                }
            }
        }

        /// <summary>Asks the writer to park, and waits until it has.</summary>
        public void Ask()
        {
            _resume.Reset();
            if (!_parked.Wait(Limit))
            {
                throw new TimeoutException("the writer did not park");
            }
        }

        public void Resume()
        {
            _parked.Reset();
            _resume.Set();
        }

        public void Dispose() => _resume.Set();
    }

    /// <summary>What a <see cref="MeterListener"/> callback keeps of one instrument: counts and sums, nothing per measurement.</summary>
    private sealed class InstrumentTotal
    {
        public long Count;
        public double Sum;
        public long Tags;

        public void Add(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Add((double)value, tags);

        public void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            Count++;
            Sum += value;
            foreach (var tag in tags)
            {
                Tags += tag.Value is null ? 0 : 1;
            }
        }
    }

    /// <summary>One line a worker writes, as UTF-8 (and as a string, unless it is invalid UTF-8), and what folding it gives.</summary>
    private sealed record SoakLine(string? Text, byte[] Bytes, FoldResult Expected, bool IsLog = false)
    {
        public SoakLine(string text, FoldResult expected, bool isLog = false)
            : this(text, Encoding.UTF8.GetBytes(text), expected, isLog)
        {
        }
    }

    /// <summary>The lines of the reader's phase: two good events, and one line of every other outcome.</summary>
    private static class SoakLines
    {
        public static readonly SoakLine Stop = new(
            WorkerFoldingTests.Stop("\"duration\":1500000,\"response_size\":42", "\"result\":\"success\",\"session_id\":\"s-1\""), FoldResult.Folded);

        public static readonly SoakLine Status = new(
            WorkerFoldingTests.Status("\"available_workers\":1,\"busy_workers\":2,\"queue_depth\":3,\"total_workers\":6"), FoldResult.Folded);

        /// <summary>
        /// Four good events before each other line: a log line, an over-long log line (it reaches the log callback, cut),
        /// and a bad telemetry line of every kind, invalid UTF-8 included (bytes only: a string cannot hold it).
        /// </summary>
        public static SoakLine[] Sequence(int maxLine)
        {
            var others = new[]
            {
                new SoakLine("INFO:worker:loaded model weights in 1.2 s", FoldResult.NotTelemetry, isLog: true),
                new SoakLine(new string('l', 3 * maxLine), FoldResult.TooLong, isLog: true),
                new SoakLine("TELEMETRY:{\"event\":\"pool.status\"", FoldResult.Malformed),
                new SoakLine("TELEMETRY:{\"event\":\"no.such.event\",\"measurements\":{}}", FoldResult.UnknownEvent),
                new SoakLine(WorkerFoldingTests.Status("\"available_workers\":\"1\",\"busy_workers\":2,\"queue_depth\":0,\"total_workers\":3"), FoldResult.WrongType),
                new SoakLine(WorkerFoldingTests.Status("\"available_workers\":1,\"busy_workers\":2,\"queue_depth\":0"), FoldResult.MissingField),
                new SoakLine(WorkerFoldingTests.Stop("\"duration\":-5", "\"result\":\"success\""), FoldResult.OutOfRange),
                new SoakLine(WorkerFoldingTests.Status("\"available_workers\":NaN,\"busy_workers\":2,\"queue_depth\":0,\"total_workers\":3"), FoldResult.NotFinite),
                new SoakLine(WorkerFoldingTests.Stop("\"duration\":5", "\"result\":\"success\",\"command\":\"\\ud800\""), FoldResult.InvalidUtf8),
                new SoakLine(null, Encoding.UTF8.GetBytes("TELEMETRY:{\"event\":\"pool.status\",\"x\":\"").Append((byte)0xC0).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray(), FoldResult.InvalidUtf8),
                new SoakLine("TELEMETRY:{\"event\":\"pool.status\",\"x\":" + new string('[', 20) + new string(']', 20) + "}", FoldResult.TooDeep),
                new SoakLine("TELEMETRY:{\"event\":\"pool.status\",\"x\":\"" + new string('a', 2 * maxLine) + "\"}", FoldResult.TooLong),
            };

            return others.SelectMany(other => new[] { Stop, Status, Stop, Status, other }).ToArray();
        }
    }
}
