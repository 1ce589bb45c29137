namespace Snakepit.Telemetry.Analyzers.Tests.Robustness;

/// <summary>
/// Snakepit.Telemetry's public surface that the analyzers look for (hub, builder, attributes, event interface), as
/// source and without any catalog: a project whose catalog is missing (not generated yet, or never declared), where
/// every event name is unknown and no payload type exists.
/// </summary>
internal static class NoCatalogRuntime
{
    public const string Path = "NoCatalogRuntime.cs";

    public const string Source = """
        namespace Snakepit.Telemetry
        {
            using System;

            public interface ITelemetryEvent
            {
                string EventName { get; }
                int MeasurementCount { get; }
                int MetadataCount { get; }
            }

            public interface ITelemetryHandler
            {
                void Handle<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent;
            }

            public delegate void TelemetryCallback<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent;

            public enum TelemetryDispatchMode { Inline, Background }

            [AttributeUsage(AttributeTargets.Class)]
            public sealed class TelemetryHandlerAttribute : Attribute
            {
                public TelemetryHandlerAttribute(string handlerId) => HandlerId = handlerId;
                public string HandlerId { get; }
                public TelemetryDispatchMode Dispatch { get; set; }
                public int QueueCapacity { get; set; } = 1024;
            }

            [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
            public sealed class OnEventAttribute : Attribute
            {
                public OnEventAttribute([EventName] string eventName) => EventName = eventName;
                public string EventName { get; }
            }

            [AttributeUsage(AttributeTargets.Parameter)]
            public sealed class EventNameAttribute : Attribute
            {
                public bool Prefix { get; set; }
            }

            [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
            public sealed class TelemetryCatalogAttribute : Attribute
            {
                public TelemetryCatalogAttribute(string catalogName, params Type[] eventTypes) { }
            }

            [AttributeUsage(AttributeTargets.Interface)]
            public sealed class TelemetryHandlerInterfaceAttribute : Attribute
            {
                public TelemetryHandlerInterfaceAttribute(Type eventType) { }
            }

            [AttributeUsage(AttributeTargets.Method)]
            public sealed class TelemetryEmitterAttribute : Attribute
            {
                public TelemetryEmitterAttribute(Type eventType) { }
            }

            [AttributeUsage(AttributeTargets.Property)]
            public sealed class HighCardinalityAttribute : Attribute
            {
            }

            public sealed class TelemetryHandlerBuilder
            {
                public TelemetryHandlerBuilder(string handlerId, object owner) { }
                public TelemetryHandlerBuilder WithDispatch(TelemetryDispatchMode mode, int queueCapacity = 1024) => this;
                public TelemetryHandlerBuilder On<TEvent>(TelemetryCallback<TEvent> callback) where TEvent : struct, ITelemetryEvent => this;
                public TelemetryHandlerBuilder OnEvents(ITelemetryHandler handler, [EventName] params string[] eventPatterns) => this;
            }

            public sealed class TelemetryHub
            {
                public static TelemetryHub Default { get; } = new TelemetryHub();
                public void Attach(string handlerId, object handler) { }
                public void Attach<TEvent>(string handlerId, TelemetryCallback<TEvent> callback) where TEvent : struct, ITelemetryEvent { }
                public void Attach(TelemetryHandlerBuilder builder) { }
                public void Attach(string handlerId, ITelemetryHandler handler, [EventName] params string[] eventPatterns) { }
                public void ReportHandlerError(object handler, string eventName, Exception exception) { }
                public void ListHandlers([EventName(Prefix = true)] string eventPrefix = "") { }
                public void Emit<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent { }
            }
        }

        namespace Snakepit.Telemetry.Events
        {
        }
        """;
}
