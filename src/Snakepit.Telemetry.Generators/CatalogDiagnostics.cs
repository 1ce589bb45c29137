using Microsoft.CodeAnalysis;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Generators;

/// <summary>
/// Every diagnostic the catalog generator reports, in one place: one descriptor per message, its format with
/// placeholders, so call sites pass arguments only. Several descriptors share an id where one rule has several cases.
/// </summary>
internal static class CatalogDiagnostics
{
    // SNK100
    public static readonly DiagnosticDescriptor SyntaxError = Error(
        DiagnosticIds.SyntaxError,
        "Catalog YAML syntax error",
        "The catalog is not valid YAML: {0}. Fix the YAML syntax at this place.");

    public static readonly DiagnosticDescriptor MergeKey = Error(
        DiagnosticIds.SyntaxError,
        "Catalog YAML syntax error",
        "YAML merge keys ('<<') are not part of the catalog format, so {0} would not get the merged keys: write its keys out");

    public static readonly DiagnosticDescriptor SecondDocument = Error(
        DiagnosticIds.SyntaxError,
        "Catalog YAML syntax error",
        "A catalog is one YAML document, and a second one starts here; move its content into the first document or into a catalog file of its own");

    public static readonly DiagnosticDescriptor YamlTag = Error(
        DiagnosticIds.SyntaxError,
        "Catalog YAML syntax error",
        "The tag '{0}' is not part of the catalog format (values are plain YAML scalars, lists and mappings); remove the tag, and quote the value if it is text");

    public static readonly DiagnosticDescriptor NestedTooDeep = Error(
        DiagnosticIds.SyntaxError,
        "Catalog YAML syntax error",
        "Collections nest deeper than {0} levels here; a catalog needs no more than 6, so this is not a catalog: remove the nesting");

    public static readonly DiagnosticDescriptor NulCharacter = Error(
        DiagnosticIds.SyntaxError,
        "Catalog YAML syntax error",
        "The catalog contains a NUL character here, so it is not text: save it as UTF-8 text (a file saved as UTF-16 without a byte-order mark, or a binary file, reads this way)");

    public static readonly DiagnosticDescriptor NotUtf8 = Error(
        DiagnosticIds.SyntaxError,
        "Catalog YAML syntax error",
        "The catalog contains bytes here that are not valid UTF-8 (decoded as U+FFFD): save the file as UTF-8, or write the character again");

    // SNK101: the catalog's shape
    public static readonly DiagnosticDescriptor ReadFailure = Error(
        DiagnosticIds.SchemaError,
        "Catalog schema error",
        "The catalog could not be read ({0}: {1}). Please report this as a bug of Snakepit.Telemetry.Generators");

    public static readonly DiagnosticDescriptor NotAMapping = Error(
        DiagnosticIds.SchemaError,
        "Catalog schema error",
        "A catalog is a YAML mapping with at least the keys 'catalog', 'namespace' and 'events'; this file holds {0}");

    public static readonly DiagnosticDescriptor EmptyDescription = Error(
        DiagnosticIds.SchemaError,
        "Catalog schema error",
        "The description of {0} is empty; write one sentence that says what the event reports");

    public static readonly DiagnosticDescriptor MissingType = Error(
        DiagnosticIds.SchemaError,
        "Catalog schema error",
        "The {0} has no type: write '{1}: <type>' or '{1}: {{ type: <type> }}'");

    public static readonly DiagnosticDescriptor DurationUnit = Error(
        DiagnosticIds.SchemaError,
        "Catalog schema error",
        "The unit '{0}' of {1} is not a time unit: a duration's unit says what workers report it in, one of ns, us, ms or s (leave it out for ns)");

    public static readonly DiagnosticDescriptor CardinalityOnMeasurement = Error(
        DiagnosticIds.SchemaError,
        "Catalog schema error",
        "'cardinality' applies to metadata only; remove it from measurement {0}");

    public static readonly DiagnosticDescriptor EnumWithoutValues = Error(
        DiagnosticIds.SchemaError,
        "Catalog schema error",
        "The {0} is an inline enum but has no values: add 'values: [a, b]'");

    public static readonly DiagnosticDescriptor ValuesWithoutEnum = Error(
        DiagnosticIds.SchemaError,
        "Catalog schema error",
        "'values' belongs to inline enums only; give {0} 'type: enum' or remove 'values'");

    public static readonly DiagnosticDescriptor BucketNotANumber = Error(
        DiagnosticIds.SchemaError,
        "Catalog schema error",
        "Bucket boundary '{0}' of metric '{1}' is not a number: write finite numbers such as 5 or 2.5");

    /// <summary>{2} is " (did you mean 'x'?)" or empty.</summary>
    public static readonly DiagnosticDescriptor UnknownKey = Error(
        DiagnosticIds.SchemaError,
        "Catalog schema error",
        "Unknown key '{0}' in {1}{2}; allowed keys are {3}");

    public static readonly DiagnosticDescriptor MissingKey = Error(
        DiagnosticIds.SchemaError,
        "Catalog schema error",
        "{0} has no '{1}'; add '{1}:' with {2}");

    /// <summary>{3} is ", not 'x'" or empty.</summary>
    public static readonly DiagnosticDescriptor NotAChoice = Error(
        DiagnosticIds.SchemaError,
        "Catalog schema error",
        "'{0}' of {1} must be one of {2}{3} (default: {4})");

    public static readonly DiagnosticDescriptor WrongShape = Error(
        DiagnosticIds.SchemaError,
        "Catalog schema error",
        "{0} must be {1}, not {2}");

    // SNK102: names
    public static readonly DiagnosticDescriptor InvalidCatalogName = Error(
        DiagnosticIds.InvalidName,
        "Invalid event or field name",
        "Catalog name '{0}' is invalid: use lowercase letters, digits and '_', starting with a letter (e.g. 'myapp')");

    public static readonly DiagnosticDescriptor InvalidNamespace = Error(
        DiagnosticIds.InvalidName,
        "Invalid event or field name",
        "Namespace '{0}' is not a valid C# namespace: use dot-separated identifiers such as 'MyApp.Telemetry'");

    public static readonly DiagnosticDescriptor InvalidEnumName = Error(
        DiagnosticIds.InvalidName,
        "Invalid event or field name",
        "Enum name '{0}' is invalid: use lowercase letters, digits and '_', starting with a letter");

    public static readonly DiagnosticDescriptor InvalidEnumValue = Error(
        DiagnosticIds.InvalidName,
        "Invalid event or field name",
        "Value '{0}' of {1} is invalid: use lowercase letters, digits and '_', starting with a letter");

    public static readonly DiagnosticDescriptor EventOutsideCatalog = Error(
        DiagnosticIds.InvalidName,
        "Invalid event or field name",
        "Event '{0}' must start with the catalog name: name it '{1}<segment>[.<segment>...]'");

    public static readonly DiagnosticDescriptor InvalidEventSegment = Error(
        DiagnosticIds.InvalidName,
        "Invalid event or field name",
        "Event name '{0}' is invalid: segment '{1}' must be lowercase letters, digits and '_', starting with a letter (e.g. '{2}')");

    public static readonly DiagnosticDescriptor NameTooLong = Error(
        DiagnosticIds.InvalidName,
        "Invalid event or field name",
        "{0} '{1}' becomes a C# name of {2} characters; C# allows 512 and generated names add to it, so keep it under {3}: shorten the name");

    public static readonly DiagnosticDescriptor InvalidFieldName = Error(
        DiagnosticIds.InvalidName,
        "Invalid event or field name",
        "Field name '{0}' of {1} is invalid: use lowercase letters, digits and '_', starting with a letter (e.g. '{2}')");

    // SNK103: duplicates and collisions
    public static readonly DiagnosticDescriptor DuplicateEnum = Error(
        DiagnosticIds.DuplicateName,
        "Duplicate or colliding name",
        "Enum '{0}' is declared twice; keep one declaration");

    public static readonly DiagnosticDescriptor DuplicateEnumValue = Error(
        DiagnosticIds.DuplicateName,
        "Duplicate or colliding name",
        "Value '{0}' appears twice in {1}; remove one");

    public static readonly DiagnosticDescriptor CollidingEnumValues = Error(
        DiagnosticIds.DuplicateName,
        "Duplicate or colliding name",
        "Values '{0}' and '{1}' of {2} both become the C# member '{3}'; rename one");

    public static readonly DiagnosticDescriptor EnumValueNamedAsEnum = Error(
        DiagnosticIds.DuplicateName,
        "Duplicate or colliding name",
        "Value '{0}' of {1} becomes '{2}', the name of the enum itself; rename the value");

    public static readonly DiagnosticDescriptor DuplicateEvent = Error(
        DiagnosticIds.DuplicateName,
        "Duplicate or colliding name",
        "Event '{0}' is declared twice; keep one declaration");

    public static readonly DiagnosticDescriptor CollidingFields = Error(
        DiagnosticIds.DuplicateName,
        "Duplicate or colliding name",
        "Fields '{0}' and '{1}' of {2} both become the C# property '{3}'; rename one");

    public static readonly DiagnosticDescriptor FieldNamedAsEvent = Error(
        DiagnosticIds.DuplicateName,
        "Duplicate or colliding name",
        "Field '{0}' of {1} becomes the property '{2}', the name of the event's own type; rename the field or the event");

    public static readonly DiagnosticDescriptor FieldNamedAsMember = Error(
        DiagnosticIds.DuplicateName,
        "Duplicate or colliding name",
        "Field '{0}' of {1} becomes '{2}', a member every event already has; rename the field (e.g. '{0}_value')");

    public static readonly DiagnosticDescriptor DuplicateField = Error(
        DiagnosticIds.DuplicateName,
        "Duplicate or colliding name",
        "Field '{0}' of {1} is declared twice (as a measurement, as metadata or as common metadata); keep one");

    public static readonly DiagnosticDescriptor DuplicateKey = Error(
        DiagnosticIds.DuplicateName,
        "Duplicate or colliding name",
        "Key '{0}' appears twice in {1}; keep one");

    public static readonly DiagnosticDescriptor CollidingType = Error(
        DiagnosticIds.DuplicateName,
        "Duplicate or colliding name",
        "{0} would generate the C# type '{1}', which {2} already generates; rename one of them");

    public static readonly DiagnosticDescriptor CollidingMember = Error(
        DiagnosticIds.DuplicateName,
        "Duplicate or colliding name",
        "{0} would generate the member '{1}', which is already {2}; rename the event");

    public static readonly DiagnosticDescriptor DuplicateCatalog = Error(
        DiagnosticIds.DuplicateName,
        "Duplicate or colliding name",
        "Catalog '{0}' is also declared in '{1}'; a catalog name belongs to one file: merge the files or rename one catalog");

    public static readonly DiagnosticDescriptor CollidingCatalogClass = Error(
        DiagnosticIds.DuplicateName,
        "Duplicate or colliding name",
        "Catalog '{0}' would generate '{1}', which catalog '{2}' in '{3}' generates too; give the catalogs different namespaces");

    // SNK104: types
    public static readonly DiagnosticDescriptor EnumMeasurement = Error(
        DiagnosticIds.InvalidType,
        "Unknown or non-numeric type",
        "Measurement '{0}' of {1} has type 'enum', but measurements are numbers ({2}); move it to metadata");

    public static readonly DiagnosticDescriptor NonNumericMeasurement = Error(
        DiagnosticIds.InvalidType,
        "Unknown or non-numeric type",
        "Measurement '{0}' of {1} has type '{2}', but measurements are numbers ({3}); move it to metadata or give it a numeric type");

    public static readonly DiagnosticDescriptor NumericMetadata = Error(
        DiagnosticIds.InvalidType,
        "Unknown or non-numeric type",
        "Metadata '{0}' of {1} has type '{2}', which is for measurements; metadata types are {3} or an enum name. Move it to measurements");

    /// <summary>{4} is " (did you mean 'x'?)" or empty.</summary>
    public static readonly DiagnosticDescriptor UnknownType = Error(
        DiagnosticIds.InvalidType,
        "Unknown or non-numeric type",
        "Unknown type '{0}' for '{1}' of {2}; use one of {3}{4}");

    // SNK105-SNK107
    public static readonly DiagnosticDescriptor SpanWithoutStart = Error(
        DiagnosticIds.SpanWithoutStart,
        "Span event without a start event",
        "Event '{0}' ends a span, but the catalog declares no '{1}'. Declare '{1}', or rename '{0}' if it is not part of a span.");

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Error(
        DiagnosticIds.LanguageVersionTooOld,
        "C# language version too old for generated telemetry code",
        "The code generated for catalog '{0}' needs C# 8.0 or later, but this project uses C# {1}. Set <LangVersion>8.0</LangVersion> (or later, e.g. 'latest') in the project file.");

    public static readonly DiagnosticDescriptor HighCardinalityTag = DescriptorFactory.Create(
        DiagnosticIds.HighCardinalityTag,
        "Metric tag on a high-cardinality field",
        "Metric tag '{0}' of '{1}' is a high-cardinality field: every distinct value makes a new time series. Tag by a low-cardinality field (pool, command, status) instead.",
        DiagnosticCategories.Catalog,
        DiagnosticSeverity.Warning);

    // SNK108: metric definitions that do not fit the catalog
    private const string MetricTitle = "Metric does not fit the catalog";

    public static readonly DiagnosticDescriptor MetricInvalidName = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Metric name '{0}' is not valid: write dot-separated segments of lowercase letters, digits and '_', each starting with a letter, e.g. 'myapp.request.stop.duration'");

    public static readonly DiagnosticDescriptor MetricDuplicateName = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Metric '{0}' is declared twice; a metric's name is its instrument's name and must be unique: rename or remove one");

    /// <summary>{1} is " (did you mean 'x'?)" or empty.</summary>
    public static readonly DiagnosticDescriptor MetricUnknownKind = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Unknown metric kind '{0}'{1}; use one of counter, sum, last_value, summary, distribution");

    public static readonly DiagnosticDescriptor MetricNoEvent = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "No event can be derived from metric name '{0}', which has one segment: name it '<event>.<measurement>' (or '<event>.count' for a counter), or add 'event: <event name>'");

    /// <summary>{2} says whether the event was derived from the name; {3} is " (did you mean 'x'?)" or empty.</summary>
    public static readonly DiagnosticDescriptor MetricUnknownEvent = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Metric '{0}' records event '{1}'{2}, which the catalog does not declare{3}: name an event of this catalog in 'event:'");

    /// <summary>{2} says whether the measurement was derived from the name; {4} is " (did you mean 'x'?)" or empty.</summary>
    public static readonly DiagnosticDescriptor MetricUnknownMeasurement = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Metric '{0}' records measurement '{1}'{2}, which event '{3}' does not declare{4}; its measurements are {5}");

    public static readonly DiagnosticDescriptor MetricMetadataAsMeasurement = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Metric '{0}' records '{1}', which is metadata of '{2}', not a measurement: record one of its measurements ({3}), or tag by '{1}' instead");

    public static readonly DiagnosticDescriptor MetricCounterMeasurement = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "A counter counts events and takes no measurement: remove 'measurement' from metric '{0}', or make it a 'sum' to add up '{1}'");

    public static readonly DiagnosticDescriptor MetricTimestampMeasurement = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Measurement '{0}' of '{1}' is a timestamp, which metric '{2}' cannot aggregate: record a number or a duration");

    public static readonly DiagnosticDescriptor MetricDurationUnit = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Unit '{0}' does not fit duration measurement '{1}' of metric '{2}': use s, ms, us or ns (the unit the duration is recorded in)");

    public static readonly DiagnosticDescriptor MetricFieldUnit = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Unit '{0}' does not fit measurement '{1}' of metric '{2}', which the catalog declares in '{3}' and the metric records as it is: write '{3}' or leave 'unit' out");

    /// <summary>{3} is " (did you mean 'x'?)" or empty.</summary>
    public static readonly DiagnosticDescriptor MetricUnknownTag = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Tag '{0}' of metric '{1}' is not metadata of '{2}'{3}; tag by the event's metadata or the common metadata: {4}");

    public static readonly DiagnosticDescriptor MetricMeasurementTag = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Tag '{0}' of metric '{1}' is a measurement of '{2}': tag by metadata ({3}), or record '{0}' in a metric of its own");

    public static readonly DiagnosticDescriptor MetricDuplicateTag = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Tag '{0}' appears twice in metric '{1}': remove one");

    public static readonly DiagnosticDescriptor MetricBucketsNotDistribution = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "'buckets' applies to kind 'distribution' only: remove it from metric '{0}' (a {1}), or make the metric a distribution");

    public static readonly DiagnosticDescriptor MetricBucketsMissing = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Metric '{0}' is a distribution and needs its bucket boundaries: add 'buckets: [5, 10, 25, 50, 100]' in the metric's unit, or make it a 'summary' for the exporter's default buckets");

    public static readonly DiagnosticDescriptor MetricBucketsNotIncreasing = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Bucket boundary {0} of metric '{1}' is not greater than the one before it ({2}): boundaries must be strictly increasing");

    public static readonly DiagnosticDescriptor MetricBucketsNotWhole = Error(
        DiagnosticIds.InvalidMetric,
        MetricTitle,
        "Bucket boundary {0} of metric '{1}' is not a whole number, but '{2}' is an int64 measurement recorded in a Histogram<long>: use whole numbers");

    // SNK109: a change against the catalog's shipped baseline that breaks its users
    public static readonly DiagnosticDescriptor BreakingChange = Error(
        DiagnosticIds.BreakingChange,
        "Breaking change to a shipped catalog",
        "Breaking change: {0}; the shipped baseline '{1}' has {2}. {3} Undo the change, or, if the break is intended, accept it: run 'dotnet msbuild -t:SnakepitShipCatalogs' (it copies the catalog onto '{1}'), commit both and release a new major version.");

    // SNK110: a baseline the parser cannot read
    public static readonly DiagnosticDescriptor UnreadableBaseline = DescriptorFactory.Create(
        DiagnosticIds.UnreadableBaseline,
        "Shipped catalog baseline cannot be read",
        "The shipped baseline '{0}' cannot be read ({1}), so catalog '{2}' is not checked for breaking changes: fix the baseline, or write it again from the released catalog with 'dotnet msbuild -t:SnakepitShipCatalogs'",
        DiagnosticCategories.Catalog,
        DiagnosticSeverity.Warning);

    // SNK111: a YAML file that looks like a catalog but is not named as one
    public static readonly DiagnosticDescriptor CatalogNotCompiled = DescriptorFactory.Create(
        DiagnosticIds.CatalogNotCompiled,
        "YAML file looks like a catalog but is not compiled as one",
        "'{0}' has a top-level 'catalog:' key but is not compiled as a catalog: catalogs are named events.yaml or *.events.yaml; rename it to '{1}'",
        DiagnosticCategories.Catalog,
        DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        DescriptorFactory.Create(id, title, message, DiagnosticCategories.Catalog, DiagnosticSeverity.Error);
}
