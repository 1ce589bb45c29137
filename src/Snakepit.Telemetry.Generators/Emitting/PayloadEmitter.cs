using System.Linq;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>Writes one <c>readonly partial struct</c> per event: its fields as properties, and <c>ITelemetryEvent</c>.</summary>
internal static class PayloadEmitter
{
    public static string Emit(EmitContext context)
    {
        var writer = CatalogEmitter.Begin(context.Catalog);
        var first = true;
        foreach (var spec in context.Catalog.Events)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            EmitPayload(writer, context, spec);
        }

        return CatalogEmitter.End(writer);
    }

    private static void EmitPayload(SourceWriter writer, EmitContext context, EventSpec spec)
    {
        var runtime = CatalogEmitter.Runtime;
        var parameters = EmitContext.Parameters(spec);
        var properties = context.Properties(spec);

        writer.Summary(spec.Description);
        writer.Line($"/// <remarks>The event <c>{spec.Name}</c>. Frequency: {spec.Frequency}. Stability: {spec.Stability}.{(spec.Deprecated is null ? "" : " Deprecated: " + SourceWriter.Xml(spec.Deprecated))}</remarks>");
        writer.LineIfAny(EmitContext.Obsolete(spec.Deprecated));
        writer.Line(CatalogEmitter.GeneratedCode);
        writer.Open($"public readonly partial struct {spec.TypeName} : {runtime}.ITelemetryEvent");

        writer.Line($"/// <summary>The event name, <c>{spec.Name}</c>.</summary>");
        writer.Line($"public const string Name = {SourceWriter.Literal(spec.Name)};");
        writer.Line();

        writer.Line($"/// <summary>Creates a <c>{spec.Name}</c> event.{(context.Catalog.CommonMetadata.Count > 0 ? $" Common metadata comes from <see cref=\"{context.ClassRef}.CommonMetadata\"/>." : "")}</summary>");
        foreach (var field in parameters)
        {
            writer.Line($"/// <param name=\"{field.ParameterName.TrimStart('@')}\">{SourceWriter.Xml(EmitContext.Describe(field))}</param>");
        }

        writer.Open($"public {spec.TypeName}({string.Join(", ", parameters.Select(context.Parameter))})");
        foreach (var field in parameters)
        {
            writer.Line($"this.{field.PropertyName} = {field.ParameterName};");
        }

        foreach (var field in context.Catalog.CommonMetadata)
        {
            writer.Line($"this.{field.PropertyName} = {context.ClassRef}.CommonMetadata.{field.PropertyName};");
        }

        writer.Close();

        if (context.Catalog.CommonMetadata.Count > 0)
        {
            EmitFullConstructor(writer, context, spec);
        }

        foreach (var field in properties)
        {
            writer.Line();
            writer.Summary(EmitContext.Describe(field));
            if (field.HighCardinality)
            {
                writer.Line($"[{runtime}.HighCardinality]");
            }

            writer.Line($"public {context.TypeOf(field)} {field.PropertyName} {{ get; }}");
        }

        writer.Line();
        writer.Line($"string {runtime}.ITelemetryEvent.EventName => Name;");
        writer.Line();
        writer.Line($"int {runtime}.ITelemetryEvent.MeasurementCount => {spec.Measurements.Count};");
        writer.Line();
        writer.Line($"int {runtime}.ITelemetryEvent.MetadataCount => {spec.Metadata.Count + context.Catalog.CommonMetadata.Count};");
        writer.Line();
        EmitFieldAccessor(writer, context, "GetMeasurement", spec.Measurements);
        writer.Line();
        EmitFieldAccessor(writer, context, "GetMetadata", spec.Metadata.Concat(context.Catalog.CommonMetadata));
        writer.Line();
        writer.Line("/// <summary>The event name and every field, for logs and debugging.</summary>");
        writer.Line($"public override string ToString() => {runtime}.TelemetryEventFormatter.Format(this);");
        writer.Close();
    }

    /// <summary>
    /// The constructor that takes the common metadata too (no defaults, so it never competes with the other one): an
    /// event that carries its own node, e.g. one folded from a worker of another host.
    /// </summary>
    private static void EmitFullConstructor(SourceWriter writer, EmitContext context, EventSpec spec)
    {
        var parameters = EmitContext.Parameters(spec).Concat(context.Catalog.CommonMetadata).ToList();
        writer.Line();
        writer.Line($"/// <summary>Creates a <c>{spec.Name}</c> event with its own common metadata (instead of <see cref=\"{context.ClassRef}.CommonMetadata\"/>'s): an event of another node or worker.</summary>");
        foreach (var field in parameters)
        {
            writer.Line($"/// <param name=\"{field.ParameterName.TrimStart('@')}\">{SourceWriter.Xml(EmitContext.Describe(field))}</param>");
        }

        writer.Open($"public {spec.TypeName}({string.Join(", ", parameters.Select(f => context.TypeOf(f) + " " + f.ParameterName))})");
        foreach (var field in parameters)
        {
            var value = field.IsCommon && !field.Optional && context.TypeOf(field) == "string"
                ? $"{field.ParameterName} ?? throw new global::System.ArgumentNullException({SourceWriter.Literal(field.ParameterName.TrimStart('@'))})"
                : field.ParameterName;
            writer.Line($"this.{field.PropertyName} = {value};");
        }

        writer.Close();
    }

    private static void EmitFieldAccessor(SourceWriter writer, EmitContext context, string method, System.Collections.Generic.IEnumerable<FieldSpec> fields)
    {
        var runtime = CatalogEmitter.Runtime;

        // Inlined into a generic handler's loop (TelemetryFieldList): a call per field, with its prolog, would cost more
        // than reading the field.
        writer.Line(CatalogEmitter.AggressiveInlining);
        writer.Open($"{runtime}.TelemetryField {runtime}.ITelemetryEvent.{method}(int index)");
        writer.Open("switch (index)");
        var index = 0;
        foreach (var field in fields)
        {
            var unit = field.Unit is null ? "null" : SourceWriter.Literal(field.Unit);
            writer.Line($"case {index++}: return new {runtime}.TelemetryField({SourceWriter.Literal(field.Name)}, {context.ValueOf(field, "this." + field.PropertyName)}, {unit});");
        }

        writer.Line($"default: return {runtime}.TelemetryField.OutOfRange(index);");
        writer.Close();
        writer.Close();
    }
}
