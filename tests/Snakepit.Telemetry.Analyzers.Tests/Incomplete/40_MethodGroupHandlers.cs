// Method groups attached as handlers: a method without a body, a missing method, a local function, an overload set.
using System.Threading;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I40;

public sealed class Groups
{
    public void Attach(string id)
    {
        TelemetryHub.Default.Attach<PythonCallStop>(id, OnStop);
        TelemetryHub.Default.Attach<PythonCallStop>(id, Missing);
        TelemetryHub.Default.Attach<PythonCallStop>(id, Local);
        TelemetryHub.Default.Attach<PythonCallStop>(id, Overloaded);
        TelemetryHub.Default.Attach<PythonCallStop>(id, Abstract.Handle);
        TelemetryHub.Default.Attach<PythonCallStop>(id, this.);

        void Local(in PythonCallStop e)
    }

    private static void OnStop(in PythonCallStop e);

    private static void Overloaded(in PythonCallStop e) => Thread.Sleep(1);

    private static void Overloaded(in PoolStatus e) => int.Parse(e.PoolName);
}

public abstract class Abstract
{
    public static abstract void Handle(in PythonCallStop e);
}
