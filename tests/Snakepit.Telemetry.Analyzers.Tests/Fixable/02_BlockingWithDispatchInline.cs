// SNK001 where the attribute already says Dispatch = Inline (fully qualified, with a queue capacity): the fix replaces it.
using System.Threading.Tasks;
using Snakepit.Telemetry.Events;

namespace Fixable.F02;

[Snakepit.Telemetry.TelemetryHandler("myapp-waiter", QueueCapacity = 64, Dispatch = Snakepit.Telemetry.TelemetryDispatchMode.Inline)]
public sealed partial class Waiter
{
    private readonly Task<int> _pending = Task.FromResult(1);

    [Snakepit.Telemetry.OnEvent("snakepit.pool.status")]
    private void OnStatus(in PoolStatus e) => System.Console.WriteLine(_pending.Result + e.QueueDepth);
}
