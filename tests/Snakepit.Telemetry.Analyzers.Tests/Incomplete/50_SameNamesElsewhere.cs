// Types of the user's own with Snakepit's names (TelemetryHub, OnEvent, ITelemetryEvent) in another namespace, half typed.
using Snakepit.Telemetry.Events;

namespace Incomplete.I50
{
    public sealed class TelemetryHub
    {
        public static TelemetryHub Default { get; } = new();
        public void Attach<T>(string id, System.Action<T> callback) { }
        public void Emit<T>(T e) { }
    }

    public sealed class OnEventAttribute : System.Attribute
    {
        public OnEventAttribute(string name) { }
    }

    public sealed class TelemetryHandlerAttribute : System.Attribute
    {
        public TelemetryHandlerAttribute(string id) { }
    }

    [TelemetryHandler("myapp-lookalike")]
    public sealed class Lookalike
    {
        [OnEvent("snakepit.nope")]
        private void OnStop(in PythonCallStop e) => TelemetryHub.Default.Emit(e);

        public void Run() => TelemetryHub.Default.Attach<int>("x", i => System.Threading.Thread.Sleep(
    }
}
