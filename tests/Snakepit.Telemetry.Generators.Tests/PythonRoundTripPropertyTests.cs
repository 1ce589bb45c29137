using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Snakepit.Telemetry.Generators.Emitting;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>
/// The round trip, as a property: random catalogs with every field kind (int64, double, durations in each wire unit,
/// timestamps, strings of any Unicode, bools, enums; required and optional), random values written by the catalog's
/// generated Python module under real python3, folded by the catalog's generated decoder: every event arrives, each
/// field with the value written (durations and timestamps at the decoder's 100 ns resolution), absent ones absent.
/// </summary>
public class PythonRoundTripPropertyTests
{
    private const int Catalogs = 6;
    private const int CallsPerEvent = 12;

    [Fact]
    public void Every_value_written_by_the_generated_module_folds_back_equal()
    {
        for (var seed = 1; seed <= 3; seed++)
        {
            RoundTrip(seed);
        }
    }

    private static void RoundTrip(int seed)
    {
        var random = new Random(seed);
        var catalogs = Enumerable.Range(0, Catalogs).Select(i => NewCatalog(random, $"rt{seed}c{i}")).ToList();
        var run = GeneratorHarness.Run(catalogs.Select(c => new InMemoryText($"/app/{c.Name}.events.yaml", c.Yaml)), LanguageVersion.Latest);
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Assert.Empty(run.CompilationProblems);
        var specs = catalogs.Select(c => PythonModules.Parse($"/app/{c.Name}.events.yaml", c.Yaml)).ToArray();

        // The calls, and what each should fold into.
        var script = new StringBuilder();
        var expected = new List<string>();
        var owners = new List<RandomCatalog>();
        foreach (var (catalog, spec) in catalogs.Zip(specs))
        {
            script.Append("import ").Append(PythonModuleEmitter.ModuleName(spec)).Append('\n');
            foreach (var e in catalog.Events)
            {
                for (var call = 0; call < CallsPerEvent; call++)
                {
                    var arguments = new List<string>();
                    var fields = new List<string>();
                    foreach (var field in e.Fields)
                    {
                        var left = field.Optional && random.Next(3) == 0;
                        var (python, value) = left ? ("", "none") : RandomValue(random, field);
                        if (!left)
                        {
                            arguments.Add(field.Name + "=" + python);
                        }

                        fields.Add(field.Name + "=" + value);
                    }

                    script.Append($"assert {PythonModuleEmitter.ModuleName(spec)}.{PythonModuleEmitter.FunctionName(spec, e.Name)}({string.Join(", ", arguments)})\n");
                    expected.Add(e.Name + " " + string.Join(" ", fields));
                    owners.Add(catalog);
                }
            }
        }

        var directory = PythonModules.Write(specs);
        try
        {
            File.WriteAllText(Path.Combine(directory, "calls.py"), script.ToString(), new UTF8Encoding(false));
            var python = PythonTools.RunPython(directory, directory, "calls.py");
            Assert.True(python.ExitCode == 0, python.ToString());
            var lines = python.Error.Split('\n').Where(l => l.StartsWith("TELEMETRY:", StringComparison.Ordinal)).ToList();
            Assert.True(lines.Count == expected.Count, python.Error);

            var folded = Fold(run, catalogs, owners, lines);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.True(expected[i] == (i < folded.Count ? folded[i] : "(nothing)"), $"seed {seed}, call {i}:\nwrote  {expected[i]}\nfolded {(i < folded.Count ? folded[i] : "(nothing)")}\nline   {lines[i]}");
            }

            Assert.Equal(expected.Count, folded.Count);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Folds the lines with each catalog's generated decoder, in one reader per catalog; what the handler saw, in order.</summary>
    private static List<string> Fold(GeneratorHarness.Result run, List<RandomCatalog> catalogs, List<RandomCatalog> owners, List<string> lines)
    {
        using var stream = new MemoryStream();
        var emit = run.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        var context = new AssemblyLoadContext("roundtrip", isCollectible: true);
        var recorder = new Recorder();
        var id = "roundtrip-" + Guid.NewGuid().ToString("N");
        try
        {
            stream.Position = 0;
            var assembly = context.LoadFromStream(stream);
            TelemetryHub.Default.Attach(id, recorder, catalogs.Select(c => c.Name + ".*").ToArray());
            var readers = catalogs.ToDictionary(
                c => c.Name,
                c => new WorkerTelemetryReader((TelemetryDecoder)Activator.CreateInstance(assembly.GetType($"{c.Namespace}.{c.ClassName}+Decoder")!)!, new WorkerContext("n", "p", "w")));
            for (var i = 0; i < lines.Count; i++)
            {
                // Each line to the reader of the catalog it was written for (two catalogs may have an event of one name).
                var result = readers[owners[i].Name].Fold(lines[i]);
                Assert.True(result == FoldResult.Folded, result + ": " + lines[i]);
            }
        }
        finally
        {
            TelemetryHub.Default.Detach(id);
            context.Unload();
        }

        return recorder.Seen;
    }

    private sealed class Recorder : ITelemetryHandler
    {
        public List<string> Seen { get; } = new();

        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent
        {
            var fields = new List<string>();
            for (var i = 0; i < e.MeasurementCount; i++)
            {
                fields.Add(e.GetMeasurement(i).Name + "=" + Describe(e.GetMeasurement(i).Value));
            }

            for (var i = 0; i < e.MetadataCount; i++)
            {
                fields.Add(e.GetMetadata(i).Name + "=" + Describe(e.GetMetadata(i).Value));
            }

            lock (Seen)
            {
                Seen.Add(e.EventName + " " + string.Join(" ", fields));
            }
        }

        private static string Describe(TelemetryValue value) => value.Kind switch
        {
            TelemetryValueKind.None => "none",
            TelemetryValueKind.Int64 => "i:" + value.AsInt64().ToString(CultureInfo.InvariantCulture),
            TelemetryValueKind.Double => "d:" + BitConverter.DoubleToInt64Bits(value.AsDouble()).ToString(CultureInfo.InvariantCulture),
            TelemetryValueKind.Duration => "t:" + value.AsDuration().Ticks.ToString(CultureInfo.InvariantCulture),
            TelemetryValueKind.Timestamp => "ts:" + value.AsTimestamp().UtcTicks.ToString(CultureInfo.InvariantCulture),
            TelemetryValueKind.Boolean => "b:" + (value.AsBoolean() ? "1" : "0"),
            TelemetryValueKind.String => "s:" + Convert.ToBase64String(Encoding.UTF8.GetBytes(value.AsString())),
            _ => "e:" + value.AsString(),
        };
    }

    private sealed record RandomField(string Name, string Type, string? Unit, bool Optional, bool Measurement, string[]? Values);

    private sealed record RandomEvent(string Name, List<RandomField> Fields);

    private sealed record RandomCatalog(string Name, string Namespace, string ClassName, List<RandomEvent> Events, string Yaml);

    private static readonly string[] s_measurementTypes = { "int64", "double", "duration", "timestamp" };
    private static readonly string[] s_metadataTypes = { "int64", "double", "string", "bool", "enum" };
    private static readonly string?[] s_durationUnits = { null, "ns", "us", "ms", "s" };

    private static RandomCatalog NewCatalog(Random random, string name)
    {
        var events = new List<RandomEvent>();
        var yaml = new StringBuilder($"catalog: {name}\nnamespace: RoundTrip.{char.ToUpperInvariant(name[0])}{name.Substring(1)}\nevents:\n");
        var eventCount = random.Next(1, 4);
        for (var e = 0; e < eventCount; e++)
        {
            var eventName = $"{name}.ev{e}.{(random.Next(2) == 0 ? "done" : "seen")}";
            var fields = new List<RandomField>();
            yaml.Append($"  {eventName}:\n    description: Event {e}.\n");
            foreach (var measurement in new[] { true, false })
            {
                var count = random.Next(0, 6);
                if (count == 0)
                {
                    continue;
                }

                yaml.Append(measurement ? "    measurements:\n" : "    metadata:\n");
                for (var f = 0; f < count; f++)
                {
                    var types = measurement ? s_measurementTypes : s_metadataTypes;
                    var type = types[random.Next(types.Length)];
                    var unit = type == "duration" ? s_durationUnits[random.Next(s_durationUnits.Length)] : null;
                    var optional = random.Next(2) == 0;
                    var values = type == "enum" ? Enumerable.Range(0, random.Next(1, 5)).Select(v => $"v{v}_{random.Next(100)}").Distinct().ToArray() : null;
                    var field = new RandomField($"{(measurement ? "m" : "d")}{f}_{type}", type, unit, optional, measurement, values);
                    fields.Add(field);
                    yaml.Append($"      {field.Name}: {{ type: {type}{(unit is null ? "" : ", unit: " + unit)}{(optional ? ", optional: true" : "")}{(values is null ? "" : ", values: [" + string.Join(", ", values) + "]")} }}\n");
                }
            }

            events.Add(new RandomEvent(eventName, fields));
        }

        return new RandomCatalog(name, $"RoundTrip.{char.ToUpperInvariant(name[0])}{name.Substring(1)}", char.ToUpperInvariant(name[0]) + name.Substring(1) + "Events", events, yaml.ToString());
    }

    /// <summary>A random value of the field: its Python literal, and what the decoder must fold it into.</summary>
    private static (string Python, string Folded) RandomValue(Random random, RandomField field)
    {
        switch (field.Type)
        {
            case "int64":
            {
                var value = RandomInt64(random, long.MinValue, long.MaxValue);
                return (value.ToString(CultureInfo.InvariantCulture), "i:" + value.ToString(CultureInfo.InvariantCulture));
            }

            case "double":
            {
                double value;
                do
                {
                    value = random.Next(4) switch
                    {
                        0 => BitConverter.Int64BitsToDouble(RandomInt64(random, long.MinValue, long.MaxValue)),
                        1 => random.Next(-1000, 1000),
                        2 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300)),
                        _ => random.NextDouble(),
                    };
                }
                while (!double.IsFinite(value));

                // Python reads the shortest round-trip text back as the same double ("12" as an int, which the module
                // writes as 12.0); a zero keeps its sign only as a float literal.
                var text = value == 0 ? (double.IsNegative(value) ? "-0.0" : "0.0") : value.ToString("R", CultureInfo.InvariantCulture);
                return (text, "d:" + BitConverter.DoubleToInt64Bits(value).ToString(CultureInfo.InvariantCulture));
            }

            case "duration":
            {
                var nanosecondsPerUnit = field.Unit switch { "us" => 1000L, "ms" => 1_000_000L, "s" => 1_000_000_000L, _ => 1L };
                var max = nanosecondsPerUnit == 1 ? long.MaxValue : long.MaxValue / (nanosecondsPerUnit / 100);
                var value = random.Next(3) == 0 ? random.Next(0, 5000) : RandomInt64(random, 0, max);
                var ticks = nanosecondsPerUnit == 1 ? value / 100 : value * (nanosecondsPerUnit / 100);
                return (value.ToString(CultureInfo.InvariantCulture), "t:" + ticks.ToString(CultureInfo.InvariantCulture));
            }

            case "timestamp":
            {
                var value = RandomInt64(random, long.MinValue, long.MaxValue);
                var ticks = 621_355_968_000_000_000 + (value / 100);
                return (value.ToString(CultureInfo.InvariantCulture), "ts:" + ticks.ToString(CultureInfo.InvariantCulture));
            }

            case "bool":
                return random.Next(2) == 0 ? ("False", "b:0") : ("True", "b:1");
            case "enum":
            {
                var value = field.Values![random.Next(field.Values.Length)];
                return (PythonModuleEmitter.Literal(value), "e:" + value);
            }

            default:
            {
                var text = RandomString(random);
                return (PythonModuleEmitter.Literal(text), "s:" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
            }
        }
    }

    private static long RandomInt64(Random random, long min, long max) => random.Next(4) switch
    {
        0 => min,
        1 => max,
        _ => random.NextInt64(min, max),
    };

    private const string Specials = "\"\\/\n\r\t\0'{}:,";

    /// <summary>Any Unicode text: ASCII with quotes and backslashes, controls, other planes (surrogate pairs), no lone surrogates.</summary>
    private static string RandomString(Random random)
    {
        var builder = new StringBuilder();
        var length = random.Next(0, 24);
        for (var i = 0; i < length; i++)
        {
            var codePoint = random.Next(6) switch
            {
                0 => Specials[random.Next(Specials.Length)],
                1 => random.Next(0, 0x20),
                2 => random.Next(0x80, 0xD800),
                3 => random.Next(0xE000, 0x10000),
                4 => random.Next(0x10000, 0x110000),
                _ => random.Next(0x20, 0x7F),
            };
            builder.Append(char.ConvertFromUtf32(codePoint));
        }

        return builder.ToString();
    }
}
