// Handler parameters with ref, out, params, this, a default value cut short, or a second parameter begun.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I47;

[TelemetryHandler("myapp-parameters")]
public sealed partial class Parameters
{
    [OnEvent("snakepit.python.call.stop")]
    private void A(ref PythonCallStop e) { }

    [OnEvent("snakepit.python.call.stop")]
    private void B(out PythonCallStop e) { }

    [OnEvent("snakepit.python.call.stop")]
    private void C(params PythonCallStop[] e) { }

    [OnEvent("snakepit.python.call.stop")]
    private void D(in PythonCallStop e = ) { }

    [OnEvent("snakepit.python.call.stop")]
    private void E(in PythonCallStop e, ) { }

    [OnEvent("snakepit.python.call.stop")]
    private void F() { }

    [OnEvent("snakepit.python.call.stop")]
    private void G(in PythonCallStop) { }

    [OnEvent("snakepit.python.call.stop")]
    private void H(in in PythonCallStop e) { }

    [OnEvent("snakepit.python.call.stop")]
    private void I(scoped in PythonCallStop e, __arglist) { }

    [OnEvent("snakepit.python.call.stop")]
    private void J(ref readonly PythonCallStop e) { }
}
