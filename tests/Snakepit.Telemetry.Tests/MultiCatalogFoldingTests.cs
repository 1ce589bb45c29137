using System;
using System.Collections.Generic;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>
/// One reader for a worker that writes Snakepit's events and the app's: a <see cref="CompositeTelemetryDecoder"/>
/// folds both, by relative or full name; a single catalog's decoder takes the full name too.
/// </summary>
[Collection(DefaultHubCollection.Name)]
public sealed class MultiCatalogFoldingTests : IDisposable
{
    private static readonly WorkerContext Worker = new("node-b", "gpu", "worker-3");

    private readonly List<string> _ids = new();

    [Fact]
    public void One_reader_folds_the_events_of_two_catalogs_by_relative_or_full_name()
    {
        var calls = Capture<PythonCallStop>();
        var requests = Capture<RequestStop>();
        var reader = new WorkerTelemetryReader(new CompositeTelemetryDecoder(new SnakepitEvents.Decoder(), new MyappEvents.Decoder()), Worker);

        const string call = "\"measurements\":{\"duration\":1500},\"metadata\":{\"command\":\"predict\",\"correlation_id\":\"c-1\",\"result\":\"success\"}}";
        const string request = "\"measurements\":{\"duration\":2000},\"metadata\":{\"user_id\":\"u-1\",\"request_type\":\"forward\",\"result\":\"failure\"}}";
        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"python.call.stop\"," + call));
        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"snakepit.python.call.stop\"," + call));
        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"request.stop\"," + request));
        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"myapp.request.stop\"," + request));
        Assert.Equal(FoldResult.UnknownEvent, reader.Fold("TELEMETRY:{\"event\":\"snakepit.request.stop\"," + request));
        Assert.Equal(FoldResult.UnknownEvent, reader.Fold("TELEMETRY:{\"event\":\"myapp.python.call.stop\"," + call));
        Assert.Equal(FoldResult.MissingField, reader.Fold("TELEMETRY:{\"event\":\"myapp.request.stop\",\"measurements\":{\"duration\":1}}"));

        Assert.Equal(2, calls.Count);
        Assert.All(calls, e => Assert.Equal("worker-3", e.WorkerId));
        Assert.Equal(2, requests.Count);
        Assert.All(requests, e => Assert.Equal(RequestStopRequestType.Forward, e.RequestType));
        Assert.All(requests, e => Assert.Equal("node-b", e.Node));
        Assert.Equal(4, reader.Count(FoldResult.Folded));
    }

    [Fact]
    public void A_single_catalogs_decoder_takes_the_full_name_too()
    {
        var gc = Capture<PythonGcCompleted>();
        var reader = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), Worker);

        Assert.Equal(FoldResult.Folded, reader.Fold("TELEMETRY:{\"event\":\"snakepit.python.gc.completed\",\"measurements\":{\"duration\":250,\"collected\":1,\"generation\":0}}"));
        Assert.Equal(FoldResult.UnknownEvent, reader.Fold("TELEMETRY:{\"event\":\"snakepit.\",\"measurements\":{}}"));
        Assert.Equal(TimeSpan.FromMicroseconds(250), Assert.Single(gc).Duration);
    }

    [Fact]
    public void A_composite_names_its_catalogs_flattens_composites_and_refuses_a_catalog_twice()
    {
        var composite = new CompositeTelemetryDecoder(new CompositeTelemetryDecoder(new SnakepitEvents.Decoder()), new MyappEvents.Decoder());
        Assert.Equal("snakepit+myapp", composite.CatalogName);
        Assert.Equal(new[] { "snakepit", "myapp" }, System.Linq.Enumerable.Select(composite.Decoders, d => d.CatalogName));
        Assert.Throws<ArgumentException>(() => new CompositeTelemetryDecoder(new SnakepitEvents.Decoder(), new SnakepitEvents.Decoder()));
        Assert.Throws<ArgumentException>(() => new CompositeTelemetryDecoder());
        Assert.Throws<ArgumentException>(() => new CompositeTelemetryDecoder(new SnakepitEvents.Decoder(), null!));
    }

    private List<TEvent> Capture<TEvent>()
        where TEvent : struct, ITelemetryEvent
    {
        var seen = new List<TEvent>();
        var id = "multi-catalog-" + Guid.NewGuid().ToString("N");
        TelemetryHub.Default.Attach(id, (in TEvent e) => seen.Add(e));
        _ids.Add(id);
        return seen;
    }

    public void Dispose()
    {
        foreach (var id in _ids)
        {
            TelemetryHub.Default.Detach(id);
        }
    }
}
