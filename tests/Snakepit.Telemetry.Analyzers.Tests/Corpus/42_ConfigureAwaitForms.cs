using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C42;

/// <summary>Reads results of tasks awaited in every form of ConfigureAwait, off the handler's thread.</summary>
public sealed class ConfigureAwaitForms : IPoolStatusHandler
{
    private readonly Task<int> _limit = Task.FromResult(100);
    private readonly Task<int> _floor = Task.FromResult(1);
    private readonly Task<int> _ceiling = Task.FromResult(1000);
    private readonly Task<int> _scale = Task.FromResult(2);
    private readonly Task<int> _offset = Task.FromResult(0);

    public void Handle(in PoolStatus e) => _ = CheckAsync(e.QueueDepth);

    private async Task CheckAsync(long depth)
    {
        await _limit.ConfigureAwait(false);
        await Task.WhenAll(_floor, _ceiling).ConfigureAwait(false);
        ConfiguredTaskAwaitable<int> scale = _scale.ConfigureAwait(continueOnCapturedContext: false);
        await scale;
        await _offset.ConfigureAwait(ConfigureAwaitOptions.None);
        var bound = Math.Clamp(_limit.Result * _scale.Result + _offset.Result, _floor.Result, _ceiling.GetAwaiter().GetResult());
        if (depth > bound)
        {
            Console.WriteLine($"queue depth {depth} over {bound}");
        }
    }
}
