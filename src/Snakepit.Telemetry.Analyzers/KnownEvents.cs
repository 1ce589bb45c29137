using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// The events a compilation sees: those of every <c>[assembly: TelemetryCatalog]</c> in the compilation (generated
/// from its own catalogs) and in referenced assemblies (Snakepit's events inside Snakepit.Telemetry, other packages),
/// plus the built-in <c>telemetry.handler.failure</c>.
/// </summary>
internal sealed class KnownEvents
{
    private readonly Dictionary<string, INamedTypeSymbol> _byName = new(StringComparer.Ordinal);
    private readonly HashSet<string> _prefixes = new(StringComparer.Ordinal);

    /// <summary>Catalog names declared by this compilation's own catalogs.</summary>
    public HashSet<string> OwnCatalogs { get; } = new(StringComparer.Ordinal);

    /// <summary>Catalog names declared by referenced assemblies, with the assembly that owns each.</summary>
    public Dictionary<string, string> ForeignCatalogs { get; } = new(StringComparer.Ordinal);

    private KnownEvents()
    {
    }

    public int Count => _byName.Count;

    public IEnumerable<string> Names => _byName.Keys;

    public static KnownEvents Create(Compilation compilation, TelemetrySymbols symbols)
    {
        var known = new KnownEvents();
        var catalogAttribute = symbols.CatalogAttribute;
        foreach (var assembly in new[] { compilation.Assembly }.Concat(compilation.SourceModule.ReferencedAssemblySymbols))
        {
            foreach (var attribute in assembly.GetAttributes())
            {
                if (!TelemetrySymbols.IsAttribute(attribute, catalogAttribute) || attribute.ConstructorArguments.Length != 2)
                {
                    continue;
                }

                if (attribute.ConstructorArguments[0].ScalarValue() is string catalogName)
                {
                    if (SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly))
                    {
                        known.OwnCatalogs.Add(catalogName);
                    }
                    else
                    {
                        known.ForeignCatalogs[catalogName] = assembly.Identity.Name;
                    }
                }

                // [assembly: TelemetryCatalog("myapp", null)] passes a null array: an array constant without values.
                var types = attribute.ConstructorArguments[1];
                if (types.Kind != TypedConstantKind.Array || types.IsNull)
                {
                    continue;
                }

                if (NamesOf(attribute, types.Values.Length) is { } names)
                {
                    // Names carried by the attribute: no payload member is bound (binding every payload's Name
                    // constant cost more than parsing the catalog on large catalogs).
                    for (var i = 0; i < names.Length; i++)
                    {
                        if (types.Values[i].ScalarValue() is INamedTypeSymbol payload && names[i].ScalarValue() is string name)
                        {
                            known.Add(name, payload);
                        }
                    }

                    continue;
                }

                // An assembly compiled before the attribute carried names: read each payload's Name constant.
                foreach (var type in types.Values)
                {
                    if (type.ScalarValue() is INamedTypeSymbol payload && HandlerRules.IsEventPayload(payload, symbols, out var name))
                    {
                        known.Add(name, payload);
                    }
                }
            }
        }

        if (symbols.TelemetryHandlerFailure is { } failure && HandlerRules.IsEventPayload(failure, symbols, out var failureName))
        {
            known.Add(failureName, failure);
        }

        return known;
    }

    /// <summary>The attribute's <c>EventNames</c>, when set and as long as its type list.</summary>
    private static ImmutableArray<TypedConstant>? NamesOf(AttributeData attribute, int count)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "EventNames" && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull &&
                argument.Value.Values.Length == count)
            {
                return argument.Value.Values;
            }
        }

        return null;
    }

    private void Add(string name, INamedTypeSymbol payload)
    {
        _byName[name] = payload;
        var segments = name.Split('.');
        for (var i = 1; i < segments.Length; i++)
        {
            _prefixes.Add(string.Join(".", segments, 0, i));
        }
    }

    /// <summary>The catalog of another assembly that the name's first segment designates, if any.</summary>
    public string? ForeignOwner(string eventName)
    {
        var first = eventName.Split('.')[0];
        return !OwnCatalogs.Contains(first) && ForeignCatalogs.TryGetValue(first, out var owner) ? owner : null;
    }

    /// <summary>Whether <paramref name="value"/> is a prefix of known events (<c>a.b</c> of <c>a.b.c</c>) and no event itself.</summary>
    public bool IsBarePrefix(string value) => _prefixes.Contains(value) && !_byName.ContainsKey(value);

    /// <summary>The known events under the prefix <paramref name="prefix"/>, in ordinal order.</summary>
    public IReadOnlyList<string> EventsUnder(string prefix) =>
        _byName.Keys.Where(n => EventPatterns.IsUnder(n, prefix)).OrderBy(n => n, StringComparer.Ordinal).ToList();

    public INamedTypeSymbol? Payload(string eventName) => _byName.TryGetValue(eventName, out var payload) ? payload : null;

    /// <summary>Whether the name, prefix (<c>a.b</c>), pattern (<c>a.b.*</c>) or <c>*</c> matches at least one known event.</summary>
    public bool Matches(string value, bool allowPrefix)
    {
        if (value == EventPatterns.Everything || value.Length == 0)
        {
            return true;
        }

        if (EventPatterns.IsPattern(value))
        {
            // As the runtime matches it: the prefix's own event, or any event below it.
            var prefix = EventPatterns.PrefixOf(value);
            return _prefixes.Contains(prefix) || _byName.ContainsKey(prefix);
        }

        return _byName.ContainsKey(value) || (allowPrefix && _prefixes.Contains(value));
    }

    /// <summary>The known names (or prefixes, for a pattern) closest to <paramref name="value"/>, best first, segment by segment.</summary>
    public IReadOnlyList<string> Suggest(string value, bool allowPrefix, int max = 3)
    {
        var isPattern = EventPatterns.IsPattern(value);
        var core = EventPatterns.PrefixOf(value);
        IEnumerable<string> candidates = isPattern || allowPrefix ? _byName.Keys.Concat(_prefixes) : _byName.Keys;
        var scored = candidates
            .Distinct()
            .Select(c => (Name: c, Distance: SegmentDistance(core, c)))
            .Where(c => c.Distance <= Math.Max(2, core.Length / 4))
            .ToList();
        if (scored.Count == 0)
        {
            return Array.Empty<string>();
        }

        // Only the closest: a near tie is worth offering, a worse match is noise.
        var best = scored.Min(c => c.Distance);
        return scored
            .Where(c => c.Distance == best)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(c => isPattern ? c.Name + ".*" : c.Name)
            .ToList();
    }

    /// <summary>Edit distance that compares segment with segment when both names have as many segments.</summary>
    internal static int SegmentDistance(string a, string b)
    {
        var left = a.Split('.');
        var right = b.Split('.');
        if (left.Length != right.Length)
        {
            return Naming.EditDistance(a, b) + (2 * Math.Abs(left.Length - right.Length));
        }

        var total = 0;
        for (var i = 0; i < left.Length; i++)
        {
            total += Naming.EditDistance(left[i], right[i]);
        }

        return total;
    }
}
