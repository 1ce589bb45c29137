using System;
using System.Collections.Generic;
using System.Linq;

namespace Snakepit.Telemetry;

/// <summary>
/// A decoder of several catalogs, for a worker that writes the events of more than one (Snakepit's and the app's):
/// one <see cref="WorkerTelemetryReader"/> folds them all. A line's event may be named by its full name
/// (<c>myapp.request.stop</c>), which only its catalog knows, or relative to its catalog (<c>request.stop</c>), which the
/// decoders are asked for in the order given: the first that knows the name decodes the line.
/// </summary>
/// <example>
/// <code>
/// var reader = new WorkerTelemetryReader(
///     new CompositeTelemetryDecoder(new SnakepitEvents.Decoder(), new MyappEvents.Decoder()),
///     new WorkerContext("node-a", "default", "worker-1"));
/// </code>
/// </example>
public sealed class CompositeTelemetryDecoder : TelemetryDecoder
{
    private readonly TelemetryDecoder[] _decoders;

    /// <summary>Creates a decoder of the catalogs of <paramref name="decoders"/> (each a catalog's generated <c>Decoder</c>, or a composite).</summary>
    /// <exception cref="ArgumentException">No decoder, a null one, or two of one catalog.</exception>
    public CompositeTelemetryDecoder(params TelemetryDecoder[] decoders)
        : base(NameOf(decoders))
    {
        _decoders = Flatten(decoders).ToArray();
        var duplicate = _decoders.GroupBy(d => d.CatalogName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two decoders of the catalog '{duplicate.Key}': give each catalog once.", nameof(decoders));
        }
    }

    /// <summary>The catalogs' decoders, in the order relative names are looked up.</summary>
    public IReadOnlyList<TelemetryDecoder> Decoders => _decoders;

    /// <inheritdoc/>
    protected override FoldResult DecodeEvent(ReadOnlySpan<byte> eventName, in TelemetryLine line, WorkerContext context) =>
        DecodeNamed(eventName, in line, context);

    internal override FoldResult DecodeNamed(ReadOnlySpan<byte> eventName, in TelemetryLine line, WorkerContext context)
    {
        // A full name first: it names one catalog. Then the relative name, in the decoders' order.
        foreach (var decoder in _decoders)
        {
            var result = decoder.DecodeFull(eventName, in line, context);
            if (result != FoldResult.UnknownEvent)
            {
                return result;
            }
        }

        foreach (var decoder in _decoders)
        {
            var result = decoder.DecodeRelative(eventName, in line, context);
            if (result != FoldResult.UnknownEvent)
            {
                return result;
            }
        }

        return FoldResult.UnknownEvent;
    }

    private static string NameOf(TelemetryDecoder[] decoders)
    {
        if (decoders is null || decoders.Length == 0)
        {
            throw new ArgumentException("Give the decoder of at least one catalog.", nameof(decoders));
        }

        if (decoders.Any(d => d is null))
        {
            throw new ArgumentException("A decoder is null.", nameof(decoders));
        }

        return string.Join("+", Flatten(decoders).Select(d => d.CatalogName));
    }

    private static IEnumerable<TelemetryDecoder> Flatten(IEnumerable<TelemetryDecoder> decoders) =>
        decoders.SelectMany(d => d is CompositeTelemetryDecoder composite ? composite._decoders : new[] { d });
}
