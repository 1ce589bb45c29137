using System;
using System.Collections.Generic;
using System.Linq;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>A generic handler reads any event's fields through <c>e.Measurements()</c> and <c>e.Metadata()</c>.</summary>
public sealed class FieldListTests
{
    [Fact]
    public void Measurements_and_metadata_list_every_field_in_catalog_order_as_the_accessors_do()
    {
        var stop = new PythonCallStop(TimeSpan.FromMilliseconds(5), "pool", "w-1", "predict", "c-1", PythonCallStopResult.Success, responseSize: 42, sessionId: "s");
        var reader = new Reader();

        reader.Handle(in stop);

        Assert.Equal(new[] { "duration=00:00:00.0050000", "response_size=42" }, reader.Measurements);
        Assert.Equal(new[] { "pool_name=pool", "worker_id=w-1", "session_id=s", "command=predict", "correlation_id=c-1", "result=success", "node=" + SnakepitEvents.CommonMetadata.Node }, reader.Metadata);
        ITelemetryEvent asEvent = stop;
        Assert.Equal(Enumerable.Range(0, asEvent.MetadataCount).Select(i => asEvent.GetMetadata(i).ToString()), reader.Metadata);
    }

    [Fact]
    public void A_list_indexes_its_fields_and_refuses_an_index_out_of_range()
    {
        var status = new PoolStatus(2, 1, 3, 3, "default");
        var measurements = status.Measurements();

        Assert.Equal(4, measurements.Count);
        Assert.Equal("queue_depth", measurements[2].Name);
        Assert.Equal(3, measurements[2].Value.AsInt64());
        Assert.Throws<ArgumentOutOfRangeException>(() => measurements[4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ((ITelemetryEvent)status).GetMetadata(-1));
    }

    private sealed class Reader : ITelemetryHandler
    {
        public List<string> Measurements { get; } = new();

        public List<string> Metadata { get; } = new();

        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent
        {
            foreach (var field in e.Measurements())
            {
                Measurements.Add(field.ToString());
            }

            foreach (var field in e.Metadata())
            {
                Metadata.Add(field.ToString());
            }
        }
    }
}
