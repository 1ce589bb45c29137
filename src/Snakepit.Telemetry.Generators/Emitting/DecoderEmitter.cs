using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// Writes <c>&lt;Catalog&gt;Events.Decoder</c>: a <c>TelemetryDecoder</c> that reads a worker's telemetry line with
/// <c>Utf8JsonReader</c> straight into the typed payload of its event and emits it. Per event, one method: a loop over
/// <c>measurements</c>, one over <c>metadata</c>, each field matched by its UTF-8 name and read by the runtime's typed
/// readers into locals (<c>__v</c> value, <c>__p</c> present), then the payload built and delivered as an emitter does.
/// Keys the event does not declare go to <c>SkipUnknownField</c> (counted by the reader), and a field that drops the
/// line is named to it through <c>FieldFailed</c>.
/// </summary>
internal static class DecoderEmitter
{
    public const string ClassName = "Decoder";

    /// <summary>The string fields a <c>WorkerContext</c> fills, by catalog name.</summary>
    private static readonly Dictionary<string, string> s_contextFields = new()
    {
        ["node"] = "Node",
        ["pool_name"] = "PoolName",
        ["worker_id"] = "WorkerId",
    };

    public static string Emit(EmitContext context)
    {
        var catalog = context.Catalog;
        var runtime = CatalogEmitter.Runtime;
        var result = runtime + ".FoldResult";
        var writer = CatalogEmitter.Begin(catalog);
        writer.Open($"static partial class {catalog.ClassName}");
        var example = (catalog.Events.Count > 0 ? catalog.Events[0].Name : catalog.CatalogName + ".event");
        writer.Summary($"Decodes the telemetry lines of workers (<c>TELEMETRY:{{json}}</c>, read by <see cref=\"{runtime}.WorkerTelemetryReader\"/>) into the events of the '{catalog.CatalogName}' catalog and emits them. Event names in lines are relative to the catalog: <c>{Relative(catalog, example)}</c> is <c>{example}</c>.");
        writer.Line(CatalogEmitter.GeneratedCode);
        writer.Open($"public sealed class {ClassName} : {runtime}.TelemetryDecoder");
        writer.Line($"/// <summary>Creates the decoder of the '{catalog.CatalogName}' catalog.</summary>");
        writer.Open($"public {ClassName}() : base({SourceWriter.Literal(catalog.CatalogName)})");
        writer.Close();

        var events = catalog.Events.ToList();
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Open($"protected override {result} DecodeEvent(global::System.ReadOnlySpan<byte> eventName, in {runtime}.TelemetryLine line, {runtime}.WorkerContext context)");
        if (events.Count > 0)
        {
            writer.Open("switch (eventName.Length)");
            foreach (var group in events.Select((e, i) => (Event: e, Index: i)).GroupBy(x => Encoding.UTF8.GetByteCount(Relative(catalog, x.Event.Name))).OrderBy(g => g.Key))
            {
                writer.Line($"case {group.Key.ToString(CultureInfo.InvariantCulture)}:");
                writer.Indent();
                foreach (var (spec, index) in group)
                {
                    writer.Line($"if (global::System.MemoryExtensions.SequenceEqual(eventName, {EventConstant(index)})) return {MethodName(spec)}(in line, context);");
                }

                writer.Line("break;");
                writer.Outdent();
            }

            writer.Close();
        }

        writer.Line($"return {result}.UnknownEvent;");
        writer.Close();

        for (var i = 0; i < events.Count; i++)
        {
            writer.Line();
            writer.Line($"private static global::System.ReadOnlySpan<byte> {EventConstant(i)} => {Utf8Array(Relative(catalog, events[i].Name))};");
        }

        // Full names, for what the reader learns: undeclared fields, and the field a dropped line fails on.
        for (var i = 0; i < events.Count; i++)
        {
            writer.Line();
            writer.Line($"private static global::System.ReadOnlySpan<byte> {FullNameConstant(i)} => {Utf8Array(events[i].Name)};");
        }

        var names = new NameTable();
        for (var i = 0; i < events.Count; i++)
        {
            writer.Line();
            EmitEvent(writer, context, events[i], FullNameConstant(i), names);
        }

        foreach (var entry in names.Entries)
        {
            writer.Line();
            writer.Line($"private static global::System.ReadOnlySpan<byte> {entry.Value} => {Utf8Array(entry.Key)};");
        }

        writer.Close();
        writer.Close();
        return CatalogEmitter.End(writer);
    }

    private static void EmitEvent(SourceWriter writer, EmitContext context, EventSpec spec, string eventName, NameTable names)
    {
        var runtime = CatalogEmitter.Runtime;
        var result = runtime + ".FoldResult";
        var payload = context.Qualify(spec.TypeName);
        var fields = context.Properties(spec);
        var index = fields.Select((f, i) => (f, i)).ToDictionary(x => x.f.Name, x => x.i);

        writer.Line($"/// <summary>Decodes and emits <c>{spec.Name}</c>.</summary>");
        writer.Open($"private static {result} {MethodName(spec)}(in {runtime}.TelemetryLine line, {runtime}.WorkerContext context)");
        var gate = context.Gate(spec);
        writer.Line($"var __g = {gate}.Word;");
        writer.Line($"if (__g == {runtime}.TelemetryGate.Unregistered) __g = {gate}.Open();");
        context.EmitInstrumentFlags(writer, spec);

        // Strings are allocated only for an event that will be delivered: to handlers, or to a listened instrument.
        writer.Line($"var __keep = __g >= 0 && ({context.IsWanted(spec)});");
        if (fields.Any(f => FromContext(f) is null))
        {
            writer.Line($"{result} __x;");
        }

        foreach (var field in fields)
        {
            if (FromContext(field) is not null)
            {
                continue;
            }

            var i = index[field.Name];
            writer.Line($"{ValueType(context, field)} __v{i} = default; var __p{i} = false;");
        }

        EmitLoop(writer, context, "Measurements", spec.Measurements, index, names, eventName);
        EmitLoop(writer, context, "Metadata", spec.Metadata.Concat(context.Catalog.CommonMetadata).ToList(), index, names, eventName);

        foreach (var field in fields.Where(f => !f.Optional && FromContext(f) is null))
        {
            var i = index[field.Name];
            if (field.IsCommon)
            {
                // Common metadata the worker does not send is this host's.
                writer.Line($"if (!__p{i}) {{ __v{i} = {context.ClassRef}.CommonMetadata.{field.PropertyName}; __p{i} = true; }}");
            }
            else if (field.Type == FieldType.Timestamp)
            {
                writer.Line($"if (!__p{i} && line.HasTimestamp) {{ __v{i} = TimestampOf(in line); __p{i} = true; }}");
            }
        }

        // One check per required field, so that a dropped line names the (first) field it misses.
        foreach (var field in fields.Where(f => !f.Optional && FromContext(f) is null))
        {
            writer.Line($"if (!__p{index[field.Name].ToString(CultureInfo.InvariantCulture)}) return FieldFailed({result}.MissingField, in line, {eventName}, {names.Of(field.Name)});");
        }

        writer.Line($"if (!__keep || ((__g & {runtime}.TelemetryGate.Sampled) != 0 && !{gate}.Sample())) return {result}.Folded;");
        // The constructor with the common metadata (the plain one when the catalog has none: the list is the same).
        var arguments = EmitContext.Parameters(spec).Concat(context.Catalog.CommonMetadata).Select(f => Argument(context, f, index[f.Name]));
        writer.Line($"var __e = new {payload}({string.Join(", ", arguments)});");
        writer.Line($"{DeliveryEmitter.ClassRef(context)}.{DeliveryEmitter.DeliverName(spec)}(__g, in __e);");
        writer.Line($"return {result}.Folded;");
        writer.Close();
    }

    private static void EmitLoop(SourceWriter writer, EmitContext context, string section, IReadOnlyList<FieldSpec> fields, Dictionary<string, int> index, NameTable names, string eventName)
    {
        var read = fields.Where(f => FromContext(f) is null).ToList();
        var filled = fields.Where(f => FromContext(f) is not null).ToList();
        var result = CatalogEmitter.Runtime + ".FoldResult";
        writer.Line($"var __r{section} = line.{section}();");
        writer.Open($"while (NextProperty(ref __r{section}))");
        var reader = "__r" + section;
        var first = true;
        foreach (var field in read)
        {
            var i = index[field.Name].ToString(CultureInfo.InvariantCulture);
            writer.Open($"{(first ? "" : "else ")}if ({reader}.ValueTextEquals({names.Of(field.Name)}))");
            first = false;
            switch (field.Type)
            {
                case FieldType.Int64:
                    writer.Line($"__x = ReadInt64(ref {reader}, out __v{i}, out __p{i});");
                    break;
                case FieldType.Double:
                    writer.Line($"__x = ReadDouble(ref {reader}, out __v{i}, out __p{i});");
                    break;
                case FieldType.Duration:
                    writer.Line($"__x = ReadDuration(ref {reader}, {NanosecondsPerUnit(field.Unit)}, out __v{i}, out __p{i});");
                    break;
                case FieldType.Timestamp:
                    writer.Line($"__x = ReadTimestamp(ref {reader}, out __v{i}, out __p{i});");
                    break;
                case FieldType.String:
                    writer.Line($"__x = ReadString(ref {reader}, __keep, out __v{i}, out __p{i});");
                    break;
                case FieldType.Bool:
                    writer.Line($"__x = ReadBoolean(ref {reader}, out __v{i}, out __p{i});");
                    break;
                default:
                    writer.Line($"__x = ReadEnum(ref {reader}, out __p{i});");
                    writer.Open($"if (__x == {result}.Folded && __p{i})");
                    var members = context.Catalog.Enums.First(e => e.TypeName == field.EnumTypeName).Members;
                    var firstMember = true;
                    foreach (var member in members)
                    {
                        writer.Line($"{(firstMember ? "" : "else ")}if ({reader}.ValueTextEquals({names.Of(member.Value)})) __v{i} = {context.Qualify(field.EnumTypeName!)}.{member.MemberName};");
                        firstMember = false;
                    }

                    writer.Line($"{(firstMember ? "" : "else ")}__x = NotAnEnumValue(ref {reader});");
                    writer.Close();
                    break;
            }

            writer.Line($"if (__x != {result}.Folded) return FieldFailed(__x, in line, {eventName}, {names.Of(field.Name)});");
            writer.Close();
        }

        // Declared fields the worker's context fills: whatever the line says is skipped, and not counted as unknown.
        foreach (var field in filled)
        {
            writer.Open($"{(first ? "" : "else ")}if ({reader}.ValueTextEquals({names.Of(field.Name)}))");
            first = false;
            writer.Line($"SkipValue(ref {reader});");
            writer.Close();
        }

        var skip = $"SkipUnknownField(ref {reader}, in line, {eventName}, {(section == "Metadata" ? "true" : "false")});";
        if (first)
        {
            writer.Line(skip);
        }
        else
        {
            writer.Open("else");
            writer.Line(skip);
            writer.Close();
        }

        writer.Close();
    }

    /// <summary>The argument the payload's full constructor gets for <paramref name="field"/>.</summary>
    private static string Argument(EmitContext context, FieldSpec field, int i)
    {
        var fromContext = FromContext(field);
        if (fromContext is not null)
        {
            return "context." + fromContext;
        }

        var value = "__v" + i.ToString(CultureInfo.InvariantCulture);
        var present = "__p" + i.ToString(CultureInfo.InvariantCulture);
        if (field.Type == FieldType.String)
        {
            return field.Optional ? value : value + "!";
        }

        return field.Optional ? $"({present} ? {value} : ({context.TypeOf(field)})null)" : value;
    }

    /// <summary>The <c>WorkerContext</c> property that fills <paramref name="field"/>, if the context fills it.</summary>
    private static string? FromContext(FieldSpec field) =>
        field.Type == FieldType.String && s_contextFields.TryGetValue(field.Name, out var property) ? property : null;

    private static string ValueType(EmitContext context, FieldSpec field)
    {
        var type = context.TypeOf(field).TrimEnd('?');
        return field.Type == FieldType.String ? "string?" : type;
    }

    /// <summary>How many nanoseconds one unit of a duration field is on the wire: ns unless it says us, ms or s.</summary>
    internal static string NanosecondsPerUnit(string? unit) => unit switch
    {
        "us" => "1000L",
        "ms" => "1000000L",
        "s" => "1000000000L",
        _ => "1L",
    };

    private static string Relative(CatalogSpec catalog, string eventName) => eventName.Substring(catalog.CatalogName.Length + 1);

    private static string MethodName(EventSpec spec) => "Decode" + spec.TypeName;

    private static string EventConstant(int index) => "__E" + index.ToString(CultureInfo.InvariantCulture);

    private static string FullNameConstant(int index) => "__F" + index.ToString(CultureInfo.InvariantCulture);

    private static string Utf8Array(string text) =>
        "new byte[] { " + string.Join(", ", Encoding.UTF8.GetBytes(text).Select(b => b.ToString(CultureInfo.InvariantCulture))) + " }";

    /// <summary>The UTF-8 constants of field names and enum spellings, one per distinct text, in first-use order.</summary>
    private sealed class NameTable
    {
        private readonly Dictionary<string, string> _names = new(System.StringComparer.Ordinal);

        public List<KeyValuePair<string, string>> Entries { get; } = new();

        public string Of(string text)
        {
            if (!_names.TryGetValue(text, out var name))
            {
                name = "__N" + _names.Count.ToString(CultureInfo.InvariantCulture);
                _names[text] = name;
                Entries.Add(new KeyValuePair<string, string>(text, name));
            }

            return name;
        }
    }
}
