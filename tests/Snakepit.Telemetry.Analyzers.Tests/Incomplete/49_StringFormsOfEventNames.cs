// Event names written as verbatim, raw, interpolated and UTF-8 strings, some unterminated.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I49;

[TelemetryHandler("myapp-strings")]
public sealed partial class Strings
{
    [OnEvent(@"snakepit.python.call.stop")]
    private void A(in PythonCallStop e) { }

    [OnEvent("""snakepit.python.call.stop""")]
    private void B(in PythonCallStop e) { }

    [OnEvent($"snakepit.python.call.{"stop"}")]
    private void C(in PythonCallStop e) { }

    [OnEvent("snakepit.python.call.stop"u8)]
    private void D(in PythonCallStop e) { }

    [OnEvent(@"snakepit.python.call.stp")]
    private void E(in PythonCallStop e) { }

    [OnEvent("""
        snakepit.python.call.stop
    """)]
    private void F(in PythonCallStop e) { }

    [OnEvent('s')]
    private void G(in PythonCallStop e) { }

    [OnEvent("""snakepit.python.call.st
    private void H(in PythonCallStop e) { }
}
