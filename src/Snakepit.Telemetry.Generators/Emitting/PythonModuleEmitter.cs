using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// Writes a catalog's typed Python module (<c>&lt;catalog&gt;_events.py</c>) for workers: one function per event, named
/// after the event without the catalog's prefix (dots as underscores), taking every field as a typed keyword argument,
/// and one context manager per span. Calls go through the runtime module <c>snakepit_telemetry</c>, which writes the
/// <c>TELEMETRY:{json}</c> line the generated decoder folds back, and never raises into the worker.
/// </summary>
internal static class PythonModuleEmitter
{
    /// <summary>The runtime module the generated modules import.</summary>
    public const string RuntimeModule = "snakepit_telemetry";

    /// <summary>The string fields the host's <c>WorkerContext</c> fills: a worker need not pass them.</summary>
    private static readonly HashSet<string> s_contextFields = new() { "node", "pool_name", "worker_id" };

    /// <summary>Python's keywords, and the builtins the module's annotations use: a name that is one gets a trailing <c>_</c>.</summary>
    private static readonly HashSet<string> s_reserved = new()
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        "int", "float", "str", "bool", "frozenset", "type", "object", "BaseException",
    };

    /// <summary>The module's file name: <c>myapp_events.py</c> for the catalog <c>myapp</c>.</summary>
    public static string FileName(CatalogSpec catalog) => ModuleName(catalog) + ".py";

    /// <summary>The module's import name: <c>myapp_events</c>.</summary>
    public static string ModuleName(CatalogSpec catalog) => catalog.CatalogName.Replace('.', '_').Replace('-', '_') + "_events";

    /// <summary>The Python function of an event: <c>myapp.request.stop</c> is <c>request_stop</c>.</summary>
    public static string FunctionName(CatalogSpec catalog, string eventName) =>
        Safe(Relative(catalog, eventName).Replace('.', '_'));

    /// <summary>The keyword argument of a field: its catalog name (a Python keyword gets a trailing <c>_</c>).</summary>
    public static string ArgumentName(FieldSpec field) => Safe(field.Name);

    /// <summary>Whether a worker must pass the field: not optional, not filled by the host (context fields, common metadata, timestamps).</summary>
    public static bool IsRequired(FieldSpec field) =>
        !field.Optional && !field.IsCommon && !IsContextField(field) && field.Type != FieldType.Timestamp;

    /// <summary>Writes the module of <paramref name="catalog"/>.</summary>
    public static string Emit(CatalogSpec catalog)
    {
        var module = new Module(catalog);
        return module.Write();
    }

    private static bool IsContextField(FieldSpec field) => field.Type == FieldType.String && s_contextFields.Contains(field.Name);

    private static string Safe(string name) => s_reserved.Contains(name) ? name + "_" : name;

    private static string Relative(CatalogSpec catalog, string eventName) => eventName.Substring(catalog.CatalogName.Length + 1);

    /// <summary>A Python string literal of any text (ASCII, everything else escaped).</summary>
    internal static string Literal(string text)
    {
        var builder = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // One code point: two \u escapes would be two lone surrogates in Python.
                builder.Append("\\U").Append(char.ConvertToUtf32(c, text[++i]).ToString("x8", CultureInfo.InvariantCulture));
                continue;
            }

            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Text for a docstring: backslashes and quotes escaped, control characters as spaces.</summary>
    private static string Doc(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder();
        foreach (var c in text!.Trim())
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => " ",
                _ when char.IsControl(c) => " ",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>How many nanoseconds one wire unit of a duration is (1 for ns, 1000 for us...).</summary>
    private static string NanosecondsPerUnit(FieldSpec field) => field.Unit switch
    {
        "us" => "1000",
        "ms" => "1000000",
        "s" => "1000000000",
        _ => "1",
    };

    private static string WireUnit(FieldSpec field) => field.Unit switch
    {
        "us" => "microseconds",
        "ms" => "milliseconds",
        "s" => "seconds",
        _ => "nanoseconds",
    };

    private static string KindConstant(FieldType type) => "_runtime." + type switch
    {
        FieldType.Int64 => "INT64",
        FieldType.Double => "DOUBLE",
        FieldType.Duration => "DURATION",
        FieldType.Timestamp => "TIMESTAMP",
        FieldType.String => "STRING",
        FieldType.Bool => "BOOL",
        _ => "ENUM",
    };

    /// <summary>One module being written: names are given out once, so no two things share one.</summary>
    private sealed class Module
    {
        private readonly CatalogSpec _catalog;
        private readonly StringBuilder _out = new();
        private readonly Dictionary<string, string> _functions = new();
        private readonly Dictionary<string, string> _enums = new();
        private readonly HashSet<string> _taken = new() { "CATALOG" };

        public Module(CatalogSpec catalog)
        {
            _catalog = catalog;
            foreach (var spec in catalog.Enums)
            {
                _enums[spec.TypeName] = Claim(Safe(spec.TypeName));
            }

            foreach (var spec in catalog.Events)
            {
                _functions[spec.Name] = Claim(FunctionName(catalog, spec.Name));
            }
        }

        /// <summary>The name, or with <c>_2</c>, <c>_3</c>... when an earlier thing has it (<c>a_b.c</c> and <c>a.b_c</c>).</summary>
        private string Claim(string name)
        {
            var claimed = name;
            for (var i = 2; !_taken.Add(claimed); i++)
            {
                claimed = name + "_" + i.ToString(CultureInfo.InvariantCulture);
            }

            return claimed;
        }

        private void Line(string text = "") => _out.Append(text).Append('\n');

        public string Write()
        {
            var catalog = _catalog;
            Line($"# Generated by Snakepit.Telemetry from the '{catalog.CatalogName}' catalog: do not edit.");
            Line("# Written again by: dotnet msbuild -restore -t:SnakepitPythonModules -p:SnakepitPythonOutputPath=DIR/");
            Line($"\"\"\"Typed telemetry of the '{Doc(catalog.CatalogName)}' catalog{(string.IsNullOrWhiteSpace(catalog.Description) ? "" : ": " + Doc(catalog.Description))}");
            Line();
            Line("One function per event, named after the event without the catalog's prefix (dots as underscores), taking");
            Line("its fields as keyword arguments: required ones must be given, optional ones may be left out. node, pool_name");
            Line("and worker_id come from the host (its WorkerContext) and need not be passed; a timestamp left out is the time");
            Line("of the call. Durations are ints in the field's unit (nanoseconds unless the catalog says otherwise), timestamps");
            Line("ints of nanoseconds since the Unix epoch (time.time_ns()). Each call writes one TELEMETRY: line on stderr and");
            Line("returns True, or drops the event with a log line saying why and returns False: it never raises into the worker.");
            Line("\"\"\"");
            Line();
            Line("from __future__ import annotations");
            Line();
            Line("import time as _time");
            Line("import typing as _typing");
            Line();
            Line($"import {RuntimeModule} as _runtime");
            Line();
            Line($"CATALOG = {Literal(catalog.CatalogName)}");
            Line("\"\"\"The catalog whose events this module writes.\"\"\"");

            foreach (var spec in catalog.Enums)
            {
                Line();
                Line($"{_enums[spec.TypeName]} = _typing.Literal[{string.Join(", ", spec.Members.Select(m => Literal(m.Value)))}]");
                Line($"\"\"\"{(string.IsNullOrWhiteSpace(spec.Description) ? "The values of " + Doc(spec.TypeName) + "." : Doc(spec.Description))}\"\"\"");
            }

            foreach (var spec in catalog.Events)
            {
                WriteEvent(spec);
            }

            foreach (var span in catalog.Spans)
            {
                WriteSpan(span);
            }

            return _out.ToString();
        }

        private IReadOnlyList<FieldSpec> Fields(EventSpec spec) =>
            spec.Measurements.Concat(spec.Metadata).Concat(_catalog.CommonMetadata).ToList();

        private string SchemaName(EventSpec spec) => "_" + _functions[spec.Name].ToUpperInvariant();

        private string TypeOf(FieldSpec field) => field.Type switch
        {
            FieldType.Int64 => "int",
            FieldType.Double => "float",
            FieldType.Duration => "int",
            FieldType.Timestamp => "int",
            FieldType.String => "str",
            FieldType.Bool => "bool",
            _ => _enums[field.EnumTypeName!],
        };

        private string Parameter(FieldSpec field, string name, bool required, string? defaultValue = null) =>
            required ? $"{name}: {TypeOf(field)}" : $"{name}: _typing.Optional[{TypeOf(field)}] = {defaultValue ?? "None"}";

        private static string Describe(FieldSpec field)
        {
            var what = field.Type switch
            {
                FieldType.Duration => $"int of {WireUnit(field)}",
                FieldType.Timestamp => "int of nanoseconds since the Unix epoch (default: now)",
                _ => field.Unit is null ? "" : field.Unit,
            };
            var text = Doc(field.Description);
            if (what.Length > 0)
            {
                text = text.Length == 0 ? what : text + " (" + what + ")";
            }

            return text.Length == 0 ? field.Name : text;
        }

        private void WriteSchema(EventSpec spec, IReadOnlyList<FieldSpec> fields)
        {
            Line();
            Line($"{SchemaName(spec)} = (");
            foreach (var field in fields)
            {
                var allowed = field.Type == FieldType.Enum
                    ? "frozenset((" + string.Join(", ", _catalog.Enums.First(e => e.TypeName == field.EnumTypeName).Members.Select(m => Literal(m.Value))) + ",))"
                    : "None";
                Line($"    ({Literal(field.Name)}, {(field.Kind == FieldKind.Measurement ? "True" : "False")}, {KindConstant(field.Type)}, {(IsRequired(field) ? "True" : "False")}, {allowed}),");
            }

            Line(")");
        }

        private void WriteEvent(EventSpec spec)
        {
            var fields = Fields(spec);
            var ordered = fields.Where(IsRequired).Concat(fields.Where(f => !IsRequired(f))).ToList();
            Line();
            WriteSchema(spec, fields);
            Line();
            Line();
            Line($"def {_functions[spec.Name]}(");
            if (ordered.Count > 0)
            {
                Line("    *,");
            }

            foreach (var field in ordered)
            {
                Line($"    {Parameter(field, ArgumentName(field), IsRequired(field))},");
            }

            Line(") -> bool:");
            Line($"    \"\"\"{Doc(spec.Description)} (``{spec.Name}``){(spec.Deprecated is null ? "" : " Deprecated: " + Doc(spec.Deprecated))}");
            if (ordered.Count > 0)
            {
                Line();
                Line("    Args:");
                foreach (var field in ordered)
                {
                    Line($"        {ArgumentName(field)}: {Describe(field)}");
                }
            }

            Line("    \"\"\"");
            var values = string.Join(", ", fields.Select(ArgumentName));
            Line($"    return _runtime.emit_event({Literal(Relative(_catalog, spec.Name))}, {SchemaName(spec)}, ({values}{(fields.Count == 1 ? "," : "")}))");
        }

        private static bool IsMeasuredDuration(FieldSpec field) =>
            field.Kind == FieldKind.Measurement && field.Name == "duration" && field.Type == FieldType.Duration && !field.Optional;

        /// <summary>Alike for a span to carry: enums by their values (inline enums of two events are two aliases of one Literal).</summary>
        private bool SameShape(FieldSpec a, FieldSpec b) =>
            a.Name == b.Name && a.Type == b.Type && a.Optional == b.Optional &&
            (a.Type != FieldType.Enum || Values(a).SequenceEqual(Values(b)));

        private IEnumerable<string> Values(FieldSpec field) =>
            _catalog.Enums.First(e => e.TypeName == field.EnumTypeName).Members.Select(m => m.Value);

        /// <summary>A required enum of one value: a span's end passes it unless told otherwise (<c>result: [success]</c>).</summary>
        private string? Default(FieldSpec field)
        {
            if (field.Type != FieldType.Enum || !IsRequired(field))
            {
                return null;
            }

            var members = _catalog.Enums.First(e => e.TypeName == field.EnumTypeName).Members;
            return members.Count == 1 ? Literal(members[0].Value) : null;
        }

        private void WriteSpan(SpanSpec span)
        {
            var start = _catalog.Events.First(e => e.Name == span.StartEvent);
            var ends = new[] { span.StopEvent, span.ExceptionEvent }.Where(n => n is not null).Select(n => _catalog.Events.First(e => e.Name == n)).ToList();
            var startFields = Fields(start);
            var startOrdered = startFields.Where(IsRequired).Concat(startFields.Where(f => !IsRequired(f))).ToList();

            // The span's attributes: the start's fields by their names, then each end's own fields (not carried, not
            // measured) by their names, or prefixed with the end's kind where a name means another field already.
            var attributes = new List<(string Name, FieldSpec Field)>();
            foreach (var field in startFields)
            {
                attributes.Add((ArgumentName(field), field));
            }

            var endAttributes = new Dictionary<EventSpec, Dictionary<string, string>>();
            foreach (var end in ends)
            {
                var kind = end.Name == span.StopEvent ? "stop" : "exception";
                var map = new Dictionary<string, string>();
                endAttributes[end] = map;
                foreach (var field in Fields(end))
                {
                    if (IsMeasuredDuration(field))
                    {
                        continue;
                    }

                    var same = attributes.FirstOrDefault(a => a.Field.Name == field.Name && SameShape(a.Field, field));
                    if (same.Name is not null)
                    {
                        map[field.Name] = same.Name;
                        continue;
                    }

                    var name = ArgumentName(field);
                    if (attributes.Any(a => a.Name == name))
                    {
                        name = Safe(kind + "_" + field.Name);
                    }

                    map[field.Name] = name;
                    attributes.Add((name, field));
                }
            }

            var className = Claim(Safe(span.TypeName));
            var functionName = Claim(Safe(Relative(_catalog, span.Name).Replace('.', '_') + "_span"));
            var startAttributes = new HashSet<string>(startFields.Select(ArgumentName));
            var endOnly = attributes.Where(a => !startAttributes.Contains(a.Name)).ToList();

            Line();
            Line();
            Line($"class {className}:");
            Line($"    \"\"\"The span ``{span.Name}``, a context manager: ``with {functionName}(...) as span:``.");
            Line();
            Line($"    Entering writes ``{span.StartEvent}``; leaving writes {string.Join(", or if the block raises, ", ends.Select(e => "``" + e.Name + "``"))}");
            Line("    (the exception is re-raised), timed on a monotonic clock (time.perf_counter_ns). The end event's fields are");
            Line("    the span's attributes, settable inside the block; the start's metadata is carried to the end.");
            Line("    \"\"\"");
            Line();
            foreach (var (name, field) in attributes)
            {
                var required = startAttributes.Contains(name) && IsRequired(field);
                Line($"    {name}: {(required ? TypeOf(field) : "_typing.Optional[" + TypeOf(field) + "]")}");
            }

            Line();
            Line("    def __init__(");
            Line("        _span,");
            if (attributes.Count > 0)
            {
                Line("        *,");
            }

            foreach (var field in startOrdered)
            {
                Line($"        {Parameter(field, ArgumentName(field), IsRequired(field))},");
            }

            foreach (var (name, field) in endOnly)
            {
                Line($"        {Parameter(field, name, required: false, Default(field))},");
            }

            Line("    ) -> None:");
            foreach (var (name, _) in attributes)
            {
                Line($"        _span.{name} = {name}");
            }

            Line("        _span._started = 0");
            Line();
            Line($"    def __enter__(_span) -> {className}:");
            Line($"        _runtime.emit_event({Literal(Relative(_catalog, start.Name))}, {SchemaName(start)}, ({string.Join(", ", startFields.Select(f => "_span." + ArgumentName(f)))}{(startFields.Count == 1 ? "," : "")}))");
            Line("        _span._started = _time.perf_counter_ns()");
            Line("        return _span");
            Line();
            Line("    def __exit__(_span, error_type: _typing.Optional[type], error: _typing.Optional[BaseException], traceback: object) -> None:");
            var stop = ends.FirstOrDefault(e => e.Name == span.StopEvent);
            var exception = ends.FirstOrDefault(e => e.Name == span.ExceptionEvent);
            if (exception is not null)
            {
                Line("        if error is not None:");
                WriteEnd(exception, endAttributes[exception], "            ", isException: true);
                Line("            return None");
            }

            if (stop is not null)
            {
                WriteEnd(stop, endAttributes[stop], "        ", isException: false);
            }

            Line("        return None");
            Line();
            Line();
            Line($"{functionName} = {className}");
            Line($"\"\"\"Times a block as the span ``{span.Name}``: ``with {functionName}(...) as span:`` (see {className}).\"\"\"");
        }

        private void WriteEnd(EventSpec end, Dictionary<string, string> attributes, string indent, bool isException)
        {
            var values = new List<string>();
            foreach (var field in Fields(end))
            {
                if (IsMeasuredDuration(field))
                {
                    values.Add($"_runtime.elapsed(_span._started, {NanosecondsPerUnit(field)})");
                }
                else if (isException && field.Name == "error_type" && field.Type == FieldType.String)
                {
                    values.Add($"_span.{attributes[field.Name]} if _span.{attributes[field.Name]} is not None else type(error).__name__");
                }
                else
                {
                    values.Add("_span." + attributes[field.Name]);
                }
            }

            Line($"{indent}_runtime.emit_event({Literal(Relative(_catalog, end.Name))}, {SchemaName(end)}, ({string.Join(", ", values)}{(values.Count == 1 ? "," : "")}))");
        }
    }
}
