using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>
/// Turns the text of a catalog (events.yaml) into a <see cref="CatalogSpec"/>, checking the format as it goes.
/// Every problem becomes a <see cref="DiagnosticInfo"/> at the YAML node that causes it; the parser never throws
/// on bad input, and a catalog with any error gives no spec (so no broken code is generated).
/// </summary>
internal sealed partial class CatalogParser
{
    private readonly string _path;

    private readonly CancellationToken _cancellationToken;

    private readonly List<DiagnosticInfo> _diagnostics = new();

    private readonly Dictionary<string, EnumSpec> _namedEnums = new(StringComparer.Ordinal);

    private readonly List<EnumSpec> _enums = new();

    /// <summary>Every C# type name the catalog generates, with where it came from, to find collisions.</summary>
    private readonly Dictionary<string, string> _typeNames = new(StringComparer.Ordinal);

    /// <summary>Every member of the generated static events class, with where it came from.</summary>
    private readonly Dictionary<string, string> _classMembers = new(StringComparer.Ordinal);

    private string _catalogName = "";

    private string _className = "";

    private CatalogParser(string path, CancellationToken cancellationToken)
    {
        _path = path;
        _cancellationToken = cancellationToken;
    }

    public static CatalogParseResult Parse(string path, string text, CancellationToken cancellationToken = default)
    {
        var parser = new CatalogParser(path, cancellationToken);
        try
        {
            return parser.ParseText(text);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A bug of ours must never become CS8785 in a user's build: report it where it can be seen.
            parser.Report(CatalogDiagnostics.ReadFailure, default, ex.GetType().Name, ex.Message);
            return new CatalogParseResult(path, null, default, null, new EquatableArray<DiagnosticInfo>(parser._diagnostics));
        }
    }

    private CatalogParseResult ParseText(string text)
    {
        var tree = YamlTreeReader.Read(text);
        if (tree.Error is not null)
        {
            if (tree.Unsupported is { } unsupported)
            {
                Report(unsupported, tree.ErrorSpan, tree.Error);
            }
            else
            {
                Report(CatalogDiagnostics.SyntaxError, tree.ErrorSpan, tree.Error.TrimEnd('.'));
            }
            return Result(null, default, null);
        }

        if (tree.Root is not YamlMapping root)
        {
            Report(CatalogDiagnostics.NotAMapping, tree.Root?.Span ?? default, tree.Root?.Shape ?? "nothing");
            return Result(null, default, null);
        }

        var keys = ReadKeys(root, RootKeys, "the catalog");

        var catalogNode = Require<YamlScalar>(keys, "catalog", KeyLine(root), "the catalog", "the catalog's lowercase name, e.g. 'catalog: myapp'");
        var catalogSpan = catalogNode?.Span ?? root.Span;
        if (catalogNode is not null)
        {
            _catalogName = catalogNode.Value;
            if (!Naming.IsValidSegment(_catalogName))
            {
                Report(CatalogDiagnostics.InvalidCatalogName, catalogNode.Span, _catalogName);
                _catalogName = "";
            }
        }

        var namespaceNode = Require<YamlScalar>(keys, "namespace", KeyLine(root), "the catalog", "the C# namespace of the generated code, e.g. 'namespace: MyApp.Telemetry'");
        var ns = namespaceNode?.Value ?? "";
        if (namespaceNode is not null && !Naming.IsValidNamespace(ns))
        {
            Report(CatalogDiagnostics.InvalidNamespace, namespaceNode.Span, ns);
        }

        var description = OptionalText(keys, "description", "the catalog");

        if (_catalogName.Length > 0)
        {
            _className = Naming.ToPascalCase(_catalogName) + "Events";
            ClaimType(_className, catalogSpan, $"the events class of catalog '{_catalogName}'");
            _classMembers[_className] = "the class name itself";
            _classMembers["CommonMetadata"] = "the common metadata settings";
            _classMembers["ToCatalogValue"] = "the enum-to-catalog-value helpers";
            _classMembers["MeterName"] = "the name of the catalog's Meter";
            _classMembers["ActivitySourceName"] = "the name of the catalog's ActivitySource";
            _classMembers["Decoder"] = "the decoder of workers' telemetry lines";
        }

        if (keys.TryGetValue("enums", out var enumsNode))
        {
            ReadNamedEnums(enumsNode);
        }

        var common = new List<FieldSpec>();
        if (keys.TryGetValue("common_metadata", out var commonNode))
        {
            common = ReadFields(commonNode, FieldKind.Metadata, "common metadata", Naming.ToPascalCase(_catalogName), isCommon: true, new HashSet<string>(StringComparer.Ordinal));
        }

        var events = new List<EventSpec>();
        var eventNodes = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
        var eventsNode = Require<YamlMapping>(keys, "events", KeyLine(root), "the catalog", "a mapping of event names to their declarations");
        if (eventsNode is not null)
        {
            foreach (var entry in eventsNode.Entries)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var spec = ReadEvent(entry.Key, entry.Value, common, eventNodes);
                if (spec is not null)
                {
                    events.Add(spec);
                }
            }
        }

        var spans = ReadSpans(eventNodes);

        var metrics = keys.TryGetValue("metrics", out var metricsNode)
            ? ReadMetrics(metricsNode, events, common, eventNodes)
            : new List<MetricSpec>();

        if (_diagnostics.Any(d => d.Descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error) || _catalogName.Length == 0)
        {
            return Result(_catalogName.Length > 0 ? _catalogName : null, catalogSpan, null);
        }

        var catalog = new CatalogSpec(
            _catalogName,
            ns,
            _className,
            description,
            new EquatableArray<EnumSpec>(_enums),
            new EquatableArray<FieldSpec>(common),
            new EquatableArray<EventSpec>(events),
            new EquatableArray<SpanSpec>(spans),
            new EquatableArray<MetricSpec>(metrics));
        return Result(_catalogName, catalogSpan, catalog);
    }

    private CatalogParseResult Result(string? catalogName, SourceSpan catalogSpan, CatalogSpec? spec) =>
        new(_path, catalogName, catalogSpan, spec, new EquatableArray<DiagnosticInfo>(_diagnostics));

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, SourceSpan span, params string[] args) =>
        _diagnostics.Add(new DiagnosticInfo(descriptor, _path, span, args));

    private static string DidYouMean(string? hint) => hint is null ? "" : $" (did you mean '{hint}'?)";

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
