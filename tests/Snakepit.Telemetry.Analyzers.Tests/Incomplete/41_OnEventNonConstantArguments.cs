// [OnEvent] with arguments that are not (yet) constant names: a variable, nameof(, a concatenation, null, odd patterns.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Incomplete.I41;

[TelemetryHandler("myapp-odd-names")]
public sealed partial class OddNames
{
    private const string Prefix = "snakepit.python.";
    private static string name = "snakepit.python.call.stop";

    [OnEvent(name)]
    private void A(in PythonCallStop e) { }

    [OnEvent(nameof(
    private void B(in PythonCallStop e) { }

    [OnEvent(Prefix + )]
    private void C(in PythonCallStop e) { }

    [OnEvent(Prefix + "call.stop")]
    private void D(in PythonCallStop e) { }

    [OnEvent(null)]
    private void E(in PythonCallStop e) { }

    [OnEvent("")]
    private void F(in PythonCallStop e) { }

    [OnEvent("*.")]
    private void G<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent { }

    [OnEvent(".")]
    private void H(in PythonCallStop e) { }

    [OnEvent("snakepit..call")]
    private void I(in PythonCallStop e) { }

    [OnEvent(".*")]
    private void J<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent { }

    [OnEvent("snakepit.python.call.stop", "extra")]
    private void K(in PythonCallStop e) { }

    [OnEvent(eventName: )]
    private void L(in PythonCallStop e) { }

    [OnEvent("snakepit.python.call.stop")]
    [OnEvent("snakepit.python.call.stp")]
    [OnEvent("snakepit.pool.*")]
    private void M(in PythonCallStop e) { }
}
