// A TelemetryHandlerBuilder chain being typed: On<, WithDispatch(TelemetryDispatchMode., an unfinished fluent chain.
using System.Threading;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I21;

public sealed class Wiring
{
    public void Attach(TelemetryHub hub)
    {
        var builder = new TelemetryHandlerBuilder("myapp-builder", this);
        builder.On<
        builder.On<PythonCallStop>(
        builder.WithDispatch(TelemetryDispatchMode.).On<PythonCallStop>((in PythonCallStop e) => Thread.Sleep(1));
        builder.WithDispatch(TelemetryDispatchMode.Background, ).On<PoolStatus>((in PoolStatus e) => Thread.Sleep(1));
        builder.WithDispatch().On<PoolStatus>((in PoolStatus e) => int.Parse(e.PoolName));
        new TelemetryHandlerBuilder("myapp-chain", this)
            .WithDispatch((TelemetryDispatchMode)7)
            .On<PythonCallStop>((in PythonCallStop e) => { Thread.Sleep(1); })
            .On<
        hub.Attach(builder
    }
}
