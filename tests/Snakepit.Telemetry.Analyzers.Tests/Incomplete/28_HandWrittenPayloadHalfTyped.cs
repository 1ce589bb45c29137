// A hand-written payload being typed: the Name constant and EventName unfinished, the interface half implemented.
using Snakepit.Telemetry;

[assembly: TelemetryCatalog("myapp", typeof(Incomplete.I28.RequestDone), typeof(Incomplete.I28.Half), typeof(Incomplete.I28.Generic<int>))]

namespace Incomplete.I28;

public readonly struct RequestDone : ITelemetryEvent
{
    public const string Name = "snakepit.my
    public string EventName => "snakepit.
    public int MeasurementCount => 0;
}

public readonly struct Half : ITelemetryEvent
{
    public const string Name = "snakepit.half.done";
    public const string Other = "snakepit." + Name;
    public string EventName { get { return "snakepit.half.done"; } }
    string ITelemetryEvent.EventName => "snakepit.half.done"
}

public struct Generic<T> : ITelemetryEvent
{
    public const string Name = "myapp.generic";
    public string EventName => Name;
}

[TelemetryHandler("myapp-half")]
public sealed partial class HalfHandler
{
    [OnEvent("snakepit.half.done")]
    private void OnHalf(in Half e) { }

    [OnEvent("myapp.generic")]
    private void OnGeneric(in Generic<int> e) { }
}
