// SNK008 on handlers whose signature a contract fixes: an override and an interface implementation. Changing it would
// break the contract, so no fix is offered; the file only has to stay as it is.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F21;

public abstract class CountingHandler
{
    public abstract int OnStatus(PoolStatus e);
}

public interface IStopCounter
{
    int OnStop(PythonCallStop e);
}

[TelemetryHandler("myapp-contract")]
public sealed partial class Contract : CountingHandler, IStopCounter
{
    private int _count;

    [OnEvent("snakepit.pool.status")]
    public override int OnStatus(PoolStatus e) => ++_count;

    [OnEvent("snakepit.python.call.stop")]
    public int OnStop(PythonCallStop e) => --_count;
}
