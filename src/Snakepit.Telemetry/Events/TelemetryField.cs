namespace Snakepit.Telemetry;

/// <summary>One measurement or metadata field of an event: its catalog name, value and unit.</summary>
public readonly struct TelemetryField
{
    /// <summary>Creates a field.</summary>
    public TelemetryField(string name, TelemetryValue value, string? unit)
    {
        Name = name;
        Value = value;
        Unit = unit;
    }

    /// <summary>The field's catalog name, such as <c>pool_name</c>.</summary>
    public string Name { get; }

    /// <summary>The field's value; <see cref="TelemetryValue.IsNone"/> for an optional field that is absent.</summary>
    public TelemetryValue Value { get; }

    /// <summary>The catalog's unit for the field (such as <c>By</c>), if it declares one.</summary>
    public string? Unit { get; }

    /// <inheritdoc/>
    public override string ToString() => Name + "=" + Value.ToString();

    /// <summary>Throws for a field index out of range (generated <c>GetMeasurement</c> and <c>GetMetadata</c> call it, so that they stay small enough to inline).</summary>
    /// <exception cref="System.ArgumentOutOfRangeException">Always.</exception>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static TelemetryField OutOfRange(int index) =>
        throw new System.ArgumentOutOfRangeException(nameof(index), index, "No field has this index: see MeasurementCount and MetadataCount.");
}
