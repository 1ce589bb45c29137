using System.Globalization;

namespace Snakepit.Telemetry;

/// <summary>
/// How often lines of one event carried one field its catalog does not declare, as
/// <see cref="WorkerTelemetryReader.UnknownFields"/> counts them. Such fields are ignored (a worker may be newer than
/// the host's catalog), but a count that keeps growing is usually a typo in the worker: <c>toknes</c> for <c>tokens</c>.
/// </summary>
public sealed class UnknownFieldCount
{
    /// <summary>Creates a count.</summary>
    public UnknownFieldCount(string eventName, string section, string field, long count)
    {
        Event = eventName;
        Section = section;
        Field = field;
        Count = count;
    }

    /// <summary>The event's full name (<c>myapp.request.stop</c>), however the lines named it.</summary>
    public string Event { get; }

    /// <summary>Where the lines carried the field: <c>measurements</c> or <c>metadata</c>.</summary>
    public string Section { get; }

    /// <summary>The field's name, as the lines wrote it (JSON escapes undone).</summary>
    public string Field { get; }

    /// <summary>How many times the field was seen (a line that carries it twice counts twice).</summary>
    public long Count { get; }

    /// <summary>As in a report: <c>myapp.request.stop carried unknown field 'toknes' in measurements 12 times</c>.</summary>
    public override string ToString() =>
        $"{Event} carried unknown field '{Field}' in {Section} {(Count == 1 ? "once" : Count.ToString(CultureInfo.InvariantCulture) + " times")}";
}
