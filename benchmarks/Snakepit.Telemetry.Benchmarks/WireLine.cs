using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snakepit.Telemetry.Benchmarks;

/// <summary>The DTO a user would deserialise a <c>TELEMETRY:</c> line into with System.Text.Json (the benchmark's baseline).</summary>
public sealed class WireLine
{
    [JsonPropertyName("event")]
    public string? Event { get; set; }

    [JsonPropertyName("measurements")]
    public Dictionary<string, JsonElement>? Measurements { get; set; }

    [JsonPropertyName("metadata")]
    public Dictionary<string, JsonElement>? Metadata { get; set; }

    [JsonPropertyName("timestamp_ns")]
    public long? TimestampNs { get; set; }
}

/// <summary>System.Text.Json's source-generated (reflection-free) serialisation of <see cref="WireLine"/>.</summary>
[JsonSerializable(typeof(WireLine))]
internal sealed partial class WireLineContext : JsonSerializerContext
{
}
