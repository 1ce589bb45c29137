// Throwing code being typed in handlers: int.Parse(, throw new, try/catch left open, a filter half written.
using System;
using System.Linq;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I32;

[TelemetryHandler("myapp-parsing")]
public sealed partial class Parsing
{
    private readonly System.Collections.Generic.Dictionary<string, int> _ports = new();

    [OnEvent("snakepit.python.call.stop")]
    private void OnStop(in PythonCallStop e)
    {
        var port = int.Parse(
        var first = e.Command.Split(',').First(
        var known = _ports[e.WorkerId
        throw new
        try
        {
            throw;
        }
        catch (
    }

    [OnEvent("snakepit.python.call.start")]
    private void OnStart(in PythonCallStart e)
    {
        try { var x = (string)(object)e.Command.Length; } catch (InvalidCastException ex) when ( { }
        try { long.Parse(e.Command); } catch (FormatException ex) when (ex.Message.Length > 0) { }
        int? maybe = null;
        var v = maybe.Value;
    }
}
