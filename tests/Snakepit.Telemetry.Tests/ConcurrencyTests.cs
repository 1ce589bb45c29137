using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>Attach and detach race emitters on several threads: emitters never block, fail or see a torn handler list.</summary>
public class ConcurrencyTests
{
    [Fact]
    public async Task Attach_and_detach_racing_emitters_is_safe()
    {
        using var hub = new TelemetryHub();
        var stableCount = 0L;
        hub.Attach<PythonCallStop>("stable", (in PythonCallStop e) => Interlocked.Increment(ref stableCount));
        using var stop = new CancellationTokenSource();
        var emitted = 0L;

        var emitters = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var e = Events.Stop();
            while (!stop.IsCancellationRequested)
            {
                hub.Emit(in e);
                Interlocked.Increment(ref emitted);
            }
        })).ToArray();

        var churners = Enumerable.Range(0, 2).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var id = $"churn-{t}-{i}";
                hub.Attach(id, new CountingHandler());
                hub.Attach($"generic-{t}-{i}", new GenericSummer(), "snakepit.python.*");
                Assert.True(hub.Detach(id));
                Assert.True(hub.Detach($"generic-{t}-{i}"));
            }
        })).ToArray();

        await Task.WhenAll(churners);
        stop.Cancel();
        await Task.WhenAll(emitters);

        // Every emit reached the handler that stayed attached the whole time (counted per emitter thread).
        Assert.Equal(Interlocked.Read(ref emitted), Interlocked.Read(ref stableCount));
        Assert.Equal(new[] { "stable" }, hub.ListHandlers().Select(h => h.Id));
    }

    [Fact]
    public void Concurrent_attaches_with_one_id_admit_exactly_one()
    {
        using var hub = new TelemetryHub();
        var successes = 0;
        Parallel.For(0, 64, _ =>
        {
            try
            {
                hub.Attach("contended", new CountingHandler());
                Interlocked.Increment(ref successes);
            }
            catch (InvalidOperationException)
            {
            }
        });

        Assert.Equal(1, successes);
        Assert.Single(hub.ListHandlers());
    }
}
