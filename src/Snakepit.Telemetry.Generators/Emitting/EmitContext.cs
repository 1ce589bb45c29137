using System.Collections.Generic;
using System.Linq;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>Shared lookups and C# spellings for one catalog.</summary>
internal sealed class EmitContext
{
    private readonly Dictionary<string, EventSpec> _events;

    public EmitContext(CatalogSpec catalog)
    {
        Catalog = catalog;
        _events = catalog.Events.ToDictionary(e => e.Name);
    }

    public CatalogSpec Catalog { get; }

    public string ClassRef => Qualify(Catalog.ClassName);

    public EventSpec? Event(string? name) => name is not null && _events.TryGetValue(name, out var spec) ? spec : null;

    public string Qualify(string typeName) => "global::" + Catalog.Namespace + "." + typeName;

    /// <summary>The fields of an event's constructor and emitter, in parameter order: required ones, then optional ones.</summary>
    public static IReadOnlyList<FieldSpec> Parameters(EventSpec spec)
    {
        var fields = spec.Measurements.Concat(spec.Metadata).ToList();
        return fields.Where(f => !f.Optional).Concat(fields.Where(f => f.Optional)).ToList();
    }

    /// <summary>Every property of the payload, event fields first, then common metadata.</summary>
    public IReadOnlyList<FieldSpec> Properties(EventSpec spec) =>
        spec.Measurements.Concat(spec.Metadata).Concat(Catalog.CommonMetadata).ToList();

    public string TypeOf(FieldSpec field)
    {
        var type = field.Type switch
        {
            FieldType.Int64 => "long",
            FieldType.Double => "double",
            FieldType.Duration => "global::System.TimeSpan",
            FieldType.Timestamp => "global::System.DateTimeOffset",
            FieldType.String => "string",
            FieldType.Bool => "bool",
            _ => Qualify(field.EnumTypeName!),
        };
        return field.Optional ? type + "?" : type;
    }

    public string Parameter(FieldSpec field) =>
        TypeOf(field) + " " + field.ParameterName + (field.Optional ? " = null" : "");

    /// <summary>The expression that turns a payload property into a <c>TelemetryValue</c> without allocating.</summary>
    public string ValueOf(FieldSpec field, string access)
    {
        var factory = CatalogEmitter.Runtime + ".TelemetryValue.";
        switch (field.Type)
        {
            case FieldType.Int64: return factory + "FromInt64(" + access + ")";
            case FieldType.Double: return factory + "FromDouble(" + access + ")";
            case FieldType.Duration: return factory + "FromDuration(" + access + ")";
            case FieldType.Timestamp: return factory + "FromTimestamp(" + access + ")";
            case FieldType.String: return factory + "FromString(" + access + ")";
            case FieldType.Bool: return factory + "FromBoolean(" + access + ")";
            default:
                var value = field.Optional ? access + ".Value" : access;
                var enumValue = factory + "FromEnum(" + ClassRef + ".ToCatalogValue(" + value + "), (long)" + value + ")";
                return field.Optional ? $"({access}.HasValue ? {enumValue} : {factory}None)" : enumValue;
        }
    }

    /// <summary>The doc text of a field: its description and unit.</summary>
    public static string Describe(FieldSpec field)
    {
        var text = field.Description ?? ToWords(field.Name);
        if (field.Unit is not null)
        {
            text += " Unit: " + field.Unit + ".";
        }

        if (field.Optional)
        {
            text += " Optional: null when absent.";
        }

        return text;
    }

    private static string ToWords(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1).Replace('_', ' ') + ".";

    public static string Obsolete(string? deprecated) =>
        deprecated is null ? "" : "[global::System.Obsolete(" + SourceWriter.Literal(deprecated) + ")]";
}
