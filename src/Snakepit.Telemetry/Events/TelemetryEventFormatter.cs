using System.Text;

namespace Snakepit.Telemetry;

/// <summary>Formats any event as text: <c>snakepit.pool.status { queue_depth=3, pool_name=default }</c>.</summary>
public static class TelemetryEventFormatter
{
    /// <summary>The event's name and every field that has a value, measurements first.</summary>
    public static string Format<TEvent>(in TEvent e)
        where TEvent : ITelemetryEvent
    {
        var builder = new StringBuilder(e.EventName).Append(" {");
        var first = true;
        for (var i = 0; i < e.MeasurementCount; i++)
        {
            Append(builder, e.GetMeasurement(i), ref first);
        }

        for (var i = 0; i < e.MetadataCount; i++)
        {
            Append(builder, e.GetMetadata(i), ref first);
        }

        return builder.Append(first ? "}" : " }").ToString();
    }

    private static void Append(StringBuilder builder, TelemetryField field, ref bool first)
    {
        if (field.Value.IsNone)
        {
            return;
        }

        builder.Append(first ? " " : ", ").Append(field.Name).Append('=').Append(field.Value.ToString());
        if (field.Unit is not null)
        {
            builder.Append(' ').Append(field.Unit);
        }

        first = false;
    }
}
