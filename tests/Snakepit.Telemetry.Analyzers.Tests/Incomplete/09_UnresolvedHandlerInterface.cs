// A generated handler interface misspelt or from a catalog that is not generated yet.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I09;

[TelemetryHandler("myapp-interface")]
public sealed partial class ViaInterface : IPythonCallStopHandlr
{
    private readonly System.Collections.Generic.List<string> _seen = new();

    public void Handle(in PythonCallStop e)
    {
        _seen.Add(e.Command);
        System.Threading.Thread.Sleep(1);
    }
}

[TelemetryHandler("myapp-interface-two")]
public sealed partial class ViaTwo : IPythonCallStopHandler, IMyAppRequestDoneHandler
{
    public void Handle(in PythonCallStop e) => int.Parse(e.Command);

    public void Handle(in RequestDone e)
    {
    }
}

[TelemetryHandler("myapp-interface-three")]
public sealed partial class ViaThree : IPythonCallStopHandler
{
    void IPythonCallStopHandler.Handle(in PythonCallStart e)
    {
    }
}
