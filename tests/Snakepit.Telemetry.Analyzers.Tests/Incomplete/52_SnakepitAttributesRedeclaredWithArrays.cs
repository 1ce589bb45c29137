// Snakepit's attributes declared again in source under their own names (a polyfill, a copy being edited) with array
// parameters and properties: every attribute argument the analyzers read is an array here; a prefix being typed.
using System;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

[assembly: TelemetryCatalog(new[] { "myapp" }, typeof(PythonCallStop))]
[assembly: TelemetryCatalog(new[] { "myapp" }, new object[] { new[] { typeof(PythonCallStop) }, typeof(PoolStatus) })]

namespace Snakepit.Telemetry
{
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    public sealed class TelemetryCatalogAttribute : Attribute
    {
        public TelemetryCatalogAttribute(string[] catalogNames, params object[] eventTypes) { }
    }

    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TelemetryHandlerAttribute : Attribute
    {
        public TelemetryHandlerAttribute(params string[] handlerIds) { }
        public int[]? QueueCapacity { get; set; }
        public TelemetryDispatchMode[]? Dispatch { get; set; }
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public sealed class OnEventAttribute : Attribute
    {
        public OnEventAttribute([EventName] params string[] eventNames) { }
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class EventNameAttribute : Attribute
    {
        public bool[]? Prefix { get; set; }
    }

    [AttributeUsage(AttributeTargets.Interface)]
    public sealed class TelemetryHandlerInterfaceAttribute : Attribute
    {
        public TelemetryHandlerInterfaceAttribute(params Type[] eventTypes) { }
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TelemetryEmitterAttribute : Attribute
    {
        public TelemetryEmitterAttribute(params Type[] eventTypes) { }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public sealed class HighCardinalityAttribute : Attribute
    {
        public HighCardinalityAttribute(params int[] levels) { }
    }
}

namespace Incomplete.I52
{
    [TelemetryHandlerInterface(typeof(PythonCallStop))]
    public interface ICallStopHandler
    {
        void Handle(in PythonCallStop e);
    }

    [TelemetryHandler("myapp-arrays", "myapp-arrays-2", QueueCapacity = new[] { 0 }, Dispatch = new[] { TelemetryDispatchMode.Background })]
    public sealed partial class Arrays : ICallStopHandler
    {
        private readonly System.Collections.Generic.List<string> _seen = new();

        [OnEvent("snakepit.python.call.stop", "snakepit.python.call.stp")]
        private void OnStop(in PythonCallStop e)
        {
            System.Threading.Thread.Sleep(1);
            Emitters.Emit(e);
        }

        public void Handle(in PythonCallStop e)
        {
            _seen.Add(e.Command);
            int.Parse(e.Command);
            Emitters.Emit(e);
        }
    }

    public static class Emitters
    {
        [TelemetryEmitter(typeof(PythonCallStop), typeof(PoolStatus))]
        public static void Emit(in PythonCallStop e) { }
    }

    public static class Use
    {
        public static void Run(TelemetryHub hub) => hub.ListHandlers("snakepit.pol
    }
}
